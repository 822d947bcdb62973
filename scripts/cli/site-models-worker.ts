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

function ioFor(options: ModelOptions): CommandIo {
  return {
    stdout: { write: () => true },
    stderr: { write: (text: string) => process.send?.({ type: 'stderr', text }) },
    stdin: new PassThrough(),
    env: process.env,
    cwd: process.cwd(),
    now: () => options.at,
  };
}

// The options arrive over the IPC channel, as the one message this process gets.
process.once('message', async (options: ModelOptions) => {
  try {
    await send({ type: 'done', prepared: await prepareModels(options, ioFor(options)) });
  } catch (error) {
    if (error instanceof ExitError)
      await send({ type: 'exit-error', message: error.message, exitCode: error.exitCode });
    else await send({ type: 'crash', stack: (error as Error).stack ?? String(error) });
  }
  process.disconnect?.();
});
