/**
 * A ticket file is read whole, however its length falls against the 4 KB pages that end a read
 * early (readBoundedFile stops after a read that ends off a page boundary), and a file over the
 * limit is refused by its size without being read whole.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBoundedFile } from '../../scripts/load/documents.ts';
import { MAX_FILE_BYTES } from '../../scripts/load/source-text.ts';

const dir = mkdtempSync(join(tmpdir(), 'opsbook-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes that differ from page to page, so a page read twice or left out shows. */
function bytesOf(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + Math.floor(i / 4096)) % 251;
  return bytes;
}

describe('reading a file whole', () => {
  it.each([0, 1, 4095, 4096, 4097, 8191, 8192, 12_288, 65_537, MAX_FILE_BYTES - 1, MAX_FILE_BYTES])(
    'gives all %i bytes',
    (length) => {
      const file = join(dir, `f-${length}`);
      const bytes = bytesOf(length);
      writeFileSync(file, bytes);
      const read = readBoundedFile(file);
      expect(read).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(read as Uint8Array).equals(bytes)).toBe(true);
    },
  );

  it.each([MAX_FILE_BYTES + 1, MAX_FILE_BYTES + 4096])('refuses %i bytes by their size', (length) => {
    const file = join(dir, `f-${length}`);
    writeFileSync(file, bytesOf(length));
    expect(readBoundedFile(file)).toEqual({ tooLarge: length });
  });
});
