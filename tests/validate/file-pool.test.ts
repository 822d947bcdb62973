/**
 * The file pool that validate, sla and the site's models share: every file's result arrives once,
 * in the order of the files when collected, and a streaming job whose main thread only writes
 * what the workers send gets every chunk from the workers.
 */
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { eachFileChunk, mapFileChunks } from '../../scripts/lib/file-pool.ts';

const files = Array.from({ length: 3200 }, (_, i) => `f${String(i).padStart(4, '0')}`);
const options = {
  worker: new URL('../helpers/echo-chunk-worker.ts', import.meta.url),
  init: () => null,
  local: (chunk: readonly string[]) => chunk.map((f) => `${f}:${threadId}`),
  threads: 3,
};

describe('the file pool', () => {
  it('collects every result in the order of the files, from workers and this thread', async () => {
    const results = await mapFileChunks(files, options);
    expect(results.map((r) => r.split(':')[0])).toEqual(files);
  });

  it('streams chunks as they come; with mainThreadWorks false only the workers work', async () => {
    const seen: string[] = [];
    const indexes: number[] = [];
    await eachFileChunk(files, { ...options, mainThreadWorks: false }, (results, index) => {
      seen.push(...results);
      indexes.push(index);
    });
    expect(seen.map((r) => r.split(':')[0]).sort()).toEqual(files);
    expect(indexes.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(seen.some((r) => r.endsWith(`:${threadId}`))).toBe(false);
  });
});
