/**
 * File time stamps for the ticket index's cache check: [size, mtimeMs, ctimeMs, ino] per file,
 * size -1 for a file that is gone. Large lists are stat'ed in a worker thread, so the caller
 * can read the cache meanwhile.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startWorker } from '../lib/start-worker.ts';

const STAMP = 4;

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
    const worker = startWorker(new URL('./stat-worker.ts', import.meta.url), { workerData: { root, files } });
    worker.once('message', (stamps: Float64Array) => {
      resolve(stamps);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** File `i`'s stamp: [size, mtimeMs, ctimeMs, ino]. */
export function stampOf(stamps: Float64Array, i: number): [number, number, number, number] {
  const at = i * STAMP;
  return [stamps[at] as number, stamps[at + 1] as number, stamps[at + 2] as number, stamps[at + 3] as number];
}

/** Whether a cache entry `[file, size, mtimeMs, ctimeMs, ino, ...]` still describes file `i`. */
export function stampMatches(entry: readonly unknown[], stamps: Float64Array, i: number): boolean {
  const at = i * STAMP;
  return (
    entry[1] === stamps[at] &&
    entry[2] === stamps[at + 1] &&
    entry[3] === stamps[at + 2] &&
    entry[4] === stamps[at + 3]
  );
}

/**
 * Files changed within this long before a run are not cached: a second change in the same clock
 * tick could leave the time stamps as they were (Git's "racily clean" files).
 */
const RACY_MS = 2000;

/** Whether file `i` exists and is old enough at `now` for its cached result to be trusted later. */
export function cacheable(stamps: Float64Array, i: number, now: number): boolean {
  const [size, mtime, ctime] = stampOf(stamps, i);
  return size >= 0 && now - Math.max(mtime, ctime) > RACY_MS;
}
