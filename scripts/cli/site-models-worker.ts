/** Child process entry of prepareModelsInChildProcess (site-models.ts); answers over the IPC channel. */
import { PassThrough } from 'node:stream';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { type ModelOptions, prepareModels } from './site-models.ts';

const send = (message: unknown): Promise<void> =>
  new Promise((done) => {
    if (process.send) process.send(message, () => done());
    else done();
  });

const options = JSON.parse(process.env.OPSBOOK_SITE_MODELS ?? 'null') as ModelOptions;
const io: CommandIo = {
  stdout: { write: () => true },
  stderr: { write: (text: string) => process.send?.({ type: 'stderr', text }) },
  stdin: new PassThrough(),
  env: process.env,
  cwd: process.cwd(),
  now: () => options.at,
};

try {
  await send({ type: 'done', prepared: await prepareModels(options, io) });
} catch (error) {
  if (error instanceof ExitError)
    await send({ type: 'exit-error', message: error.message, exitCode: error.exitCode });
  else await send({ type: 'crash', stack: (error as Error).stack ?? String(error) });
}
process.disconnect?.();
