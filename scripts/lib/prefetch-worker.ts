/**
 * A worker thread that reads files ahead of the threads that check them, many at a time, so a
 * cold page cache is filled by parallel reads instead of one file after the other. It keeps
 * nothing: the checkers read the same files again, from memory.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';

const { root, files, concurrency } = workerData as { root: string; files: string[]; concurrency: number };
const buffer = Buffer.allocUnsafe(64 * 1024);
let next = 0;

async function reader(): Promise<void> {
  while (next < files.length) {
    const file = files[next++] as string;
    try {
      const handle = await open(join(root, file), 'r');
      try {
        await handle.read(buffer, 0, buffer.length, 0);
      } finally {
        await handle.close();
      }
    } catch {
      // The checker reports unreadable files.
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, reader));
