import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { runCli } from './main.js';

describe('edgarkit search: a query that starts with "-"', () => {
  it('says how to write it when the shell reads the query as an option', async () => {
    const io = captureIo();
    expect(await runCli(['search', '-notes bonds', '--db', '/nonexistent/edgarkit-test.db'], io)).toBe(2);
    expect(io.err()).toContain("unknown option '-notes bonds'");
    expect(io.err()).toContain(`goes after "--": edgarkit search -- '-notes bonds'`);
  });

  it('says nothing of queries for an unknown option of another command', async () => {
    const io = captureIo();
    expect(await runCli(['stats', '-x'], io)).toBe(2);
    expect(io.err()).toContain("unknown option '-x'");
    expect(io.err()).not.toContain('goes after "--"');
  });
});
