// Loaded into the server's node by bench/server-stress.ts (`node --import bench/server-timing.mjs`, with
// EDGARKIT_TIMING_LOG=FILE): times every request inside the server, from its arrival (Node's HTTP parser has read its
// head: the `http.server.request.start` channel) to its last byte handed to the socket (`http.server.response.finish`),
// and the server's own event-loop delay. It needs no change to the server, so an older build is measured the same way.
//
// FILE gets one line a request, `ms<TAB>status<TAB>url<TAB>arrival` (ms since the window opened), and at exit `#loop<TAB>p50<TAB>p99<TAB>max` (ms). SIGUSR2
// starts the window: requests before it (the bench's discovery) are not written, and the delay is counted from it.
import { subscribe } from 'node:diagnostics_channel';
import { closeSync, openSync, writeSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.EDGARKIT_TIMING_LOG;
// Worker threads inherit --import: only the thread that answers requests times them (and owns the file).
if (file && isMainThread) {
  const fd = openSync(file, 'w');
  const arrived = new WeakMap();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let open = false;
  let opened = 0;
  let lines = [];
  subscribe('http.server.request.start', ({ request }) => {
    if (open) arrived.set(request, performance.now());
  });
  subscribe('http.server.response.finish', ({ request, response }) => {
    const start = arrived.get(request);
    if (start !== undefined)
      lines.push(`${(performance.now() - start).toFixed(2)}\t${response.statusCode}\t${request.url}\t${(start - opened).toFixed(0)}\n`);
  });
  const flush = () => {
    if (lines.length === 0) return;
    writeSync(fd, lines.join(''));
    lines = [];
  };
  setInterval(flush, 1000).unref();
  process.on('SIGUSR2', () => {
    open = true;
    opened = performance.now();
    delay.reset();
  });
  process.on('exit', () => {
    flush();
    const ms = (value) => (value / 1e6).toFixed(1);
    writeSync(fd, `#loop\t${ms(delay.percentile(50))}\t${ms(delay.percentile(99))}\t${ms(delay.max)}\n`);
    closeSync(fd);
  });
}
