/**
 * The ticket index's cache file is read in pieces of a few megabytes (one whole read held the
 * bytes and the text at once): lines that cross a piece, a line longer than a piece and a last
 * line without a line break read back exactly; a byte above 0x7f means damage.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CacheEntry,
  factsText,
  readCacheFile,
  writeCacheFile,
} from '../../scripts/load/ticket-index-file.ts';
import { tempDir } from '../helpers/cli.ts';

function entry(n: number, factsLength = 2_000): CacheEntry {
  const facts = JSON.stringify({ id: `INC-2026-${n}`, title: `Mail ${'x'.repeat(factsLength)} ${n}` });
  const derived = n % 3 === 0 ? {} : { sla: ['key', n, `INC-2026-${n}`, 'met'] };
  return [
    `incidents/2026/INC-2026-${n}.md`,
    1_000 + n,
    1.5e12 + n,
    1.5e12 + n + 0.25,
    40_000 + n,
    facts,
    derived,
  ];
}

/** The entries read back, with their facts read from the file (one by one, or the file at once). */
function readBack(path: string, whole = false): CacheEntry[] {
  const read = readCacheFile(path);
  try {
    if (whole) read.readWhole();
    return [...read.entries.values()].map(([file, size, mtime, ctime, ino, facts, derived]) => [
      file,
      size,
      mtime,
      ctime,
      ino,
      factsText(facts),
      derived,
    ]);
  } finally {
    read.close();
  }
}

describe('the ticket index cache file', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());
  /** A cache file's path in a new temporary folder, removed after the test. */
  const cachePath = (): string => {
    const tmp = tempDir('index-file');
    cleanup = tmp.cleanup;
    return join(tmp.dir, 'ticket-index.tsv');
  };

  it('reads back every line across pieces, and a line longer than a piece', () => {
    const path = cachePath();
    // About 6.5 MB of lines (pieces are 4 MB), then one line of 9 MB.
    const entries = Array.from({ length: 3_000 }, (_, n) => entry(n + 1, 2_000 + (n % 7)));
    entries.push(entry(3_001, 9_000_000), entry(3_002));
    writeCacheFile(path, entries);
    expect(readBack(path)).toEqual(entries);
    expect(readBack(path, true)).toEqual(entries);
  });

  it('reads the facts in any order, in file order through growing windows, each as written', () => {
    const path = cachePath();
    // Facts of many lengths, one of them longer than the largest window (1 MB), the last at the
    // end of the file.
    const entries = Array.from({ length: 2_000 }, (_, n) => entry(n + 1, (n * 37) % 3_000));
    entries.splice(700, 0, entry(9_001, 1_500_000));
    writeCacheFile(path, entries);
    const read = readCacheFile(path);
    try {
      const byFile = new Map([...read.entries.values()].map((e) => [e[0], e[5]]));
      const factsOf = (e: CacheEntry) => factsText(byFile.get(e[0]) as string);
      // In file order, backwards, and jumping about: every read gives the facts written.
      for (const e of entries) expect(factsOf(e)).toBe(e[5]);
      for (const e of [...entries].reverse()) expect(factsOf(e)).toBe(e[5]);
      for (let k = 0; k < 3_000; k++) {
        const e = entries[(k * 7_919) % entries.length] as CacheEntry;
        expect(factsOf(e)).toBe(e[5]);
      }
    } finally {
      read.close();
    }
  });

  it('keeps the facts in the file until asked for, and reads them from the file it opened', () => {
    const path = cachePath();
    const entries = [entry(1), entry(2)];
    writeCacheFile(path, entries);
    const read = readCacheFile(path);
    // Another command writes a new cache file over it (atomically, by renaming).
    writeCacheFile(path, [entry(7), entry(8)]);
    expect([...read.entries.values()].map((e) => factsText(e[5]))).toEqual(entries.map((e) => e[5]));
    read.close();
    expect(() => factsText(read.entries.get(entries[0]?.[0] as string)?.[5] as string)).toThrow(/closed/);
  });

  it('reads a last line without a line break, and rebuilds on a byte above 0x7f', () => {
    const path = cachePath();
    const entries = [entry(1), entry(2)];
    writeCacheFile(path, entries);
    const text = readFileSync(path, 'latin1');
    writeFileSync(path, text.replace(/\n$/, ''), 'latin1');
    expect(readBack(path)).toEqual(entries);
    appendFileSync(path, Buffer.from('\n"incidents/2026/\xf6.md"\t1\t2\t3\t4\t{}\t{}\n', 'latin1'));
    expect(readBack(path)).toEqual([]);
  });
});
