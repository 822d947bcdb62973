/**
 * Long outputs (the SLA JSON and table, the report) are written by writeText: to a regular file
 * through one reused buffer, elsewhere joined into strings for the stream. Both give exactly the
 * pieces' text, with pieces longer than the buffer and characters of two, three and four bytes
 * falling across its end.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeText } from '../../scripts/lib/write-text.ts';

const dir = mkdtempSync(join(tmpdir(), 'opsbook-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pieces of many lengths, most ASCII, some with ä (2 bytes), € (3) and 😀 (a surrogate pair, 4). */
function pieces(): string[] {
  const out: string[] = [];
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  for (let i = 0; i < 4_000; i++) {
    const length = i % 500 === 0 ? 300_000 + (next() % 1_000_000) : next() % 400;
    const unit = ['a', 'ä', '€', '😀', '{"id":"INC-2026-0001"}'][next() % 5] as string;
    out.push(unit.repeat(Math.ceil(length / unit.length)));
  }
  // One piece far longer than the buffer, made of surrogate pairs, so slices fall inside pairs.
  out.push('😀'.repeat(1_700_000));
  return out;
}

/** A stream as a command's stdout to a file is: its descriptor, writing synchronously. */
function fileStream(fd: number) {
  return {
    fd,
    writableLength: 0,
    write(chunk: string) {
      writeSync(fd, chunk);
      return true;
    },
  };
}

describe('writeText', () => {
  const text = pieces().join('');

  it('writes a regular file through its descriptor, byte for byte', () => {
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    let streamWrites = 0;
    const stream = fileStream(fd);
    const counted = {
      ...stream,
      write: (chunk: string) => {
        streamWrites++;
        return stream.write(chunk);
      },
    };
    try {
      writeText(counted, pieces());
    } finally {
      closeSync(fd);
    }
    expect(streamWrites).toBe(0);
    expect(readFileSync(file, 'utf8') === text).toBe(true);
  });

  it('goes through the stream when the stream still holds text of its own', () => {
    const file = join(dir, 'queued.txt');
    const fd = openSync(file, 'w');
    const stream = { ...fileStream(fd), writableLength: 10 };
    try {
      writeSync(fd, 'before\n');
      writeText(stream, ['a', 'b']);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('before\nab');
  });

  it('joins the pieces for a stream without a file, in strings of about a megabyte', () => {
    const chunks: string[] = [];
    writeText({ write: (chunk: string) => chunks.push(chunk) }, pieces());
    expect(chunks.join('') === text).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.length).toBeLessThan(pieces().length / 10);
  });
});
