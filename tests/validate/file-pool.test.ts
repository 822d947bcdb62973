/**
 * The file pool that validate, sla and the site's models share: every file's result arrives once,
 * in the order of the files when collected, and a streaming job whose main thread only writes
 * what the workers send gets every chunk from the workers. Workers started early (before their
 * init is known) get the init as their first message, pass on an error they met meanwhile, and
 * keep no program alive when nothing takes them.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { eachFileChunk, mapFileChunks, startWorkersEarly } from '../../scripts/lib/file-pool.ts';

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
    // With more chunks in each worker's hand, still every result once and in order.
    const more = await mapFileChunks(files, { ...options, inHand: 3 });
    expect(more.map((r) => r.split(':')[0])).toEqual(files);
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
