/**
 * A worker thread of check-files.ts: checks the chunks of files it is sent.
 */
import { serveChunks } from '../lib/file-pool.ts';
import type { WorkerInit } from './check-files.ts';

await serveChunks(async () => {
  const { chunkChecker } = await import('./check-files.ts');
  return (init: WorkerInit) =>
    chunkChecker(
      {
        root: init.root,
        config: init.config,
        ticketIds: new Set(init.ticketIds),
        runbookIds: new Set(init.runbookIds),
        today: init.today,
      },
      init.all,
    );
});
