import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { corpusPath } from '../../test/shared-files.js';
import { runCli } from './main.js';

describe('edgarkit render: what is wrong and where', () => {
  it('says a header file holds no document to render, not "has no document ; it has: none"', async () => {
    const header = corpusPath('headers/1990s-header.txt');
    const io = captureIo();
    expect(await runCli(['render', header], io)).toBe(2);
    expect(io.err()).toBe(`edgarkit: ${header} holds no document to render (a header alone)\n`);
    expect(io.out()).toBe('');
  });

  it('names the file and the document when a page does not exist, as the other render messages do', async () => {
    // 0000912282-09-000008: a 6-K whose first document has 7 pages.
    const file = corpusPath('fpi/0000912282-09-000008.txt');
    const io = captureIo();
    expect(await runCli(['render', file, '--page', '9'], io)).toBe(2);
    expect(io.err()).toBe(`edgarkit: ${file}: Page 9 does not exist: document 1 has 7 pages\n`);
    const fine = captureIo();
    expect(await runCli(['render', file, '--page', '1'], fine)).toBe(0);
  });
});
