/** Worker thread entry of prepareModelsInWorker (site-models.ts). */
import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { type ModelOptions, prepareModels } from './site-models.ts';

const data = workerData as { options: ModelOptions; env: NodeJS.ProcessEnv; cwd: string };
const port = parentPort;
if (!port) throw new Error('site-models-worker.ts runs as a worker thread');

const io: CommandIo = {
  stdout: { write: () => true },
  stderr: { write: (text: string) => port.postMessage({ type: 'stderr', text }) },
  stdin: new PassThrough(),
  env: data.env,
  cwd: data.cwd,
  now: () => data.options.at,
};

try {
  port.postMessage({ type: 'done', prepared: await prepareModels(data.options, io) });
} catch (error) {
  if (error instanceof ExitError)
    port.postMessage({ type: 'exit-error', message: error.message, exitCode: error.exitCode });
  else port.postMessage({ type: 'crash', stack: (error as Error).stack ?? String(error) });
}
