/**
 * File time stamps for the ticket index's cache check: [size, mtimeMs, ctimeMs, ino] per file,
 * size -1 for a file that is gone. Large lists are stat'ed in a worker thread, so the caller
 * can read the cache meanwhile.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export const STAMP = 4;

export function statStamps(root: string, files: readonly string[]): Float64Array {
  const stamps = new Float64Array(files.length * STAMP);
  files.forEach((file, i) => {
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    const at = i * STAMP;
    if (!stat) {
      stamps[at] = -1;
      return;
    }
    stamps[at] = stat.size;
    stamps[at + 1] = stat.mtimeMs;
    stamps[at + 2] = stat.ctimeMs;
    stamps[at + 3] = stat.ino;
  });
  return stamps;
}

/** Below this many files the stamps are taken in this thread. */
const WORKER_THRESHOLD = 5000;

/** statStamps, in a worker for long lists; starts at once, resolves when done. */
export function statStampsSoon(root: string, files: readonly string[]): Promise<Float64Array> {
  if (files.length < WORKER_THRESHOLD) return Promise.resolve(statStamps(root, files));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./stat-worker.ts', import.meta.url), { workerData: { root, files } });
    worker.once('message', (stamps: Float64Array) => {
      resolve(stamps);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
