/**
 * A worker for tests/validate/file-pool.test.ts: reads files ahead as `<file>:ahead:<root>` and
 * says `{ readAhead: n }` once it has read n of them and the last one is `last` (the root says
 * `last=<file>`); a chunk answers each file with what was read ahead, else `<file>:chunk`.
 */
import { parentPort } from 'node:worker_threads';
import { serveChunks } from '../../scripts/lib/file-pool.ts';

let read = 0;
await serveChunks(
  async () => (_init: null, ahead: Map<string, string>) => (files: readonly string[]) =>
    files.map((file) => {
      const early = ahead.get(file);
      ahead.delete(file);
      return early ?? `${file}:chunk`;
    }),
  async () => (root: string) => (file: string) => {
    read++;
    if (root === `last=${file}`) parentPort?.postMessage({ readAhead: read });
    return `${file}:ahead:${root}`;
  },
);
