/** A worker for tests/validate/file-pool.test.ts: answers each file name with its init's prefix and its thread. */
import { threadId } from 'node:worker_threads';
import { serveChunks } from '../../scripts/lib/file-pool.ts';

await serveChunks(
  async () => (init: { prefix: string }) => (files: readonly string[]) =>
    files.map((f) => `${init.prefix}${f}:${threadId}`),
);
