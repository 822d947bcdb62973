/** A worker for tests/validate/file-pool.test.ts: answers each file name with its length and thread. */
import { threadId } from 'node:worker_threads';
import { serveChunks } from '../../scripts/lib/file-pool.ts';

await serveChunks(async () => () => (files: readonly string[]) => files.map((f) => `${f}:${threadId}`));
