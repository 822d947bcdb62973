/**
 * The file pool that validate, sla and the site's models share: every file's result arrives once,
 * in the order of the files when collected, and a streaming job whose main thread only writes
 * what the workers send gets every chunk from the workers. Workers started early (before their
 * init is known) get the init as their first message, read their first chunks ahead when given
 * the files, pass on an error they met meanwhile, and keep no program alive when nothing takes them.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  chunkStarts,
  eachFileChunk,
  FILE_CHUNK,
  mapFileChunks,
  readAheadEarly,
  readAheadHand,
  startWorkersEarly,
} from '../../scripts/lib/file-pool.ts';

const files = Array.from({ length: 3200 }, (_, i) => `f${String(i).padStart(4, '0')}`);
const options = {
  worker: new URL('../helpers/echo-chunk-worker.ts', import.meta.url),
  init: () => null,
  local: (chunk: readonly string[]) => chunk.map((f) => `${f}:${threadId}`),
  threads: 3,
};

describe('the chunks of a shared run', () => {
  it('cover the files once, in order, with small chunks over the last stretch only', () => {
    for (const [count, threads, inHand] of [
      [100_000, 2, 3],
      [3200, 3, 2],
      [2501, 2, 2],
      [12_345, 4, 2],
    ] as const) {
      const starts = chunkStarts(count, threads, inHand);
      const sizes = starts.map((start, k) => (starts[k + 1] ?? count) - start);
      expect(starts[0]).toBe(0);
      expect(sizes.every((n) => n > 0)).toBe(true);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(count);
      // Big chunks first, then small ones: the sizes never grow.
      expect(sizes.every((n, k) => k === 0 || n <= (sizes[k - 1] as number))).toBe(true);
      // The small ones hold the files every thread could have in hand, and no more.
      const small = sizes.filter((n) => n < FILE_CHUNK).reduce((a, b) => a + b, 0);
      const tail = (inHand + 1) * threads * FILE_CHUNK;
      expect(small).toBeGreaterThanOrEqual(Math.min(count, tail) - FILE_CHUNK);
      expect(small).toBeLessThanOrEqual(tail);
    }
    // 100,000 files on two threads with three chunks in hand: 192 of 500, then 40 of 100.
    const starts = chunkStarts(100_000, 2, 3);
    expect(starts.length).toBe(192 + 40);
  });
});

describe('the file pool', () => {
  it('collects every result in the order of the files, from workers and this thread', async () => {
    const results = await mapFileChunks(files, options);
    expect(results.map((r) => r.split(':')[0])).toEqual(files);
    // With more chunks in each worker's hand, still every result once and in order.
    const more = await mapFileChunks(files, { ...options, inHand: 3 });
    expect(more.map((r) => r.split(':')[0])).toEqual(files);
  });

  it('streams chunks as they come; with mainThreadWorks false only the workers work', async () => {
    const seen: string[] = [];
    const indexes: number[] = [];
    await eachFileChunk(files, { ...options, mainThreadWorks: false }, (results, index, start) => {
      seen.push(...results);
      indexes.push(index);
      // Each chunk's results are those of the files from `start` on.
      expect(results.map((r) => r.split(':')[0])).toEqual(files.slice(start, start + results.length));
    });
    expect(seen.map((r) => r.split(':')[0]).sort()).toEqual(files);
    const starts = chunkStarts(files.length, 3, 2);
    expect(indexes.sort((a, b) => a - b)).toEqual(starts.map((_, k) => k));
    expect(seen.some((r) => r.endsWith(`:${threadId}`))).toBe(false);
  });

  it('gives workers started early the init as their first message', async () => {
    const worker = new URL('../helpers/init-chunk-worker.ts', import.meta.url);
    startWorkersEarly({ worker, threads: 3 }, files.length);
    const seen: string[] = [];
    await eachFileChunk(
      files,
      { ...options, worker, init: () => ({ prefix: 'p:' }), mainThreadWorks: false },
      (results) => {
        seen.push(...results);
      },
    );
    expect(seen.map((r) => r.split(':')[1]).sort()).toEqual(files);
    expect(seen.every((r) => r.startsWith('p:') && !r.endsWith(`:${threadId}`))).toBe(true);
  });

  it('lets workers started early read their first chunks ahead, and takes those instead', async () => {
    const worker = new URL('../helpers/ahead-chunk-worker.ts', import.meta.url);
    const inHand = 3;
    // With two threads, the one worker's first hand is the first chunks of the run.
    const starts = chunkStarts(files.length, 2, inHand);
    const hand = readAheadHand(starts.length, 1, inHand);
    expect(hand).toBeGreaterThanOrEqual(inHand);
    const aheadEnd = starts[hand] as number;
    const root = `last=${files[aheadEnd - 1]}`;
    const [early] = startWorkersEarly({ worker, threads: 2 }, files.length);
    expect(early).toBeDefined();
    readAheadEarly({ worker, threads: 2, inHand }, { root, files });
    // The run starts once the worker has read all of them (it says so), so none is left to chance.
    const said = await new Promise<unknown>((resolve) => early?.once('message', resolve));
    expect(said).toEqual({ readAhead: aheadEnd });
    const byFile = new Map<string, string>();
    await eachFileChunk(files, { ...options, worker, threads: 2, inHand }, (results, _index, start) => {
      results.forEach((r, k) => {
        byFile.set(files[start + k] as string, r);
      });
    });
    expect([...byFile.keys()].sort()).toEqual(files);
    const aheadFiles = files.filter((f) => byFile.get(f)?.endsWith(`:ahead:${root}`));
    expect(aheadFiles).toEqual(files.slice(0, aheadEnd));
    // The others were read as chunks came, by the worker or by this thread.
    for (const f of files.slice(aheadEnd)) expect(byFile.get(f)).toMatch(new RegExp(`^${f}:(chunk|\\d+)$`));
  });

  it('fails the run when a worker started early failed, before or after the run took it', async () => {
    const worker = new URL('../helpers/failing-chunk-worker.ts', import.meta.url);
    const [failed] = startWorkersEarly({ worker, threads: 2 }, files.length);
    // Failed and gone before the run takes it.
    await new Promise((resolve) => failed?.once('exit', resolve));
    await expect(
      eachFileChunk(files, { ...options, worker, threads: 2, mainThreadWorks: false }, () => {}),
    ).rejects.toThrow('the worker module failed to load');
    // Taken by the run while still loading.
    startWorkersEarly({ worker, threads: 2 }, files.length);
    await expect(
      eachFileChunk(files, { ...options, worker, threads: 2, mainThreadWorks: false }, () => {}),
    ).rejects.toThrow('the worker module failed to load');
  });

  it('keeps no program alive with workers started early that nothing took', () => {
    const program = fileURLToPath(new URL('../helpers/early-workers-only.ts', import.meta.url));
    const run = spawnSync(
      process.execPath,
      ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', program],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stdout).toBe('started\n');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  });
});
