#!/usr/bin/env node
// The only file that reads argv and sets the exit code; everything else lives in dist/cli.
const argv = process.argv.slice(2);
// `parse` and `ingest` load their own command alone: reading a feed archive need not load the server, drivers and
// SDKs first, and an ingest process does not hold them in memory.
const { runCli } =
  argv[0] === 'parse'
    ? await import('../dist/cli/parse-main.js')
    : argv[0] === 'ingest'
      ? await import('../dist/cli/ingest-main.js')
      : await import('../dist/cli/main.js');

process.stdout.on('error', (error) => {
  // A closed pipe (`edgarkit parse … | head`) is not an error worth a stack trace.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Ctrl-C (or SIGTERM) asks long work to stop cleanly; a second one stops at once.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort();
  });
}

const code = await runCli(
  argv,
  { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env },
  { signal: interrupt.signal },
);
process.exitCode = code;
