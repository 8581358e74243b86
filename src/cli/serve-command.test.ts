import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { runCli } from './main.js';
import { servedHosts } from './serve-command.js';

describe('serve: the names it answers for', () => {
  it('answers for localhost and the bound address, and the names given with --allow-host', () => {
    expect(servedHosts('127.0.0.1', [])).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(servedHosts('::1', ['filings.example.org'])).toEqual(['localhost', '127.0.0.1', '[::1]', 'filings.example.org']);
    expect(servedHosts('192.0.2.7', [])).toContain('192.0.2.7');
  });

  it("bound to every address, answers for the machine's own addresses too", () => {
    const own = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .map((entry) => (entry.family === 'IPv6' ? `[${entry.address}]` : entry.address));
    expect(servedHosts('0.0.0.0', [])).toEqual(expect.arrayContaining(['localhost', ...own]));
  });

  it.each([
    [['--allow-host', 'evil.example:8080'], /--allow-host takes a host name or address without a port/],
    [['--render-timeout', '0'], /--render-timeout must be a number above 0, not "0"/],
    [['--max-render-mb', 'lots'], /--max-render-mb must be a number above 0, not "lots"/],
    [['--small-render-threads', '9'], /--small-render-threads must be a whole number from 1 to 4, not "9"/],
    [['--small-render-threads', '1.5'], /--small-render-threads must be a whole number from 1 to 4, not "1.5"/],
  ])('refuses %j with a clear message', async (options, message) => {
    const io = captureIo();
    expect(await runCli(['serve', '--db', '/nonexistent/x.db', ...options], io)).toBe(2);
    expect(io.err()).toMatch(message);
  });
});
