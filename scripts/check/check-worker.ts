/**
 * A worker thread of check-files.ts: checks the chunks of files it is sent. The modules are
 * imported after V8's compile cache is on, so a worker starts in a fraction of the time.
 */
import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileCheckResult } from './check-file.ts';
import type { WorkerInit } from './check-files.ts';

module.enableCompileCache?.();
const { checkFile } = await import('./check-file.ts');

const init = workerData as WorkerInit;
const ctx = {
  root: init.root,
  config: init.config,
  ticketIds: new Set(init.ticketIds),
  runbookIds: new Set(init.runbookIds),
  today: init.today,
};

// Messages sent before this listener exists wait in the port's queue.
parentPort?.on('message', (message: { index: number; files: string[] }) => {
  const results: FileCheckResult[] = [];
  for (const file of message.files) {
    const result = checkFile(file, ctx);
    if (result.findings.length > 0 || result.duplicateOf) results.push(result);
  }
  parentPort?.postMessage({ index: message.index, results, count: message.files.length });
});
