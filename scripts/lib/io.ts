/**
 * What a command may touch of the outside world, passed in so tests can run commands in-process.
 */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CommandIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The wall clock: read only as the default of `--at`. */
  now: () => number;
}

export function processIo(): CommandIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  };
}

/** True when progress and prompts make sense: a terminal, not CI. */
export function isInteractive(io: CommandIo, stream: OutputStream = io.stderr): boolean {
  return Boolean(stream.isTTY) && !io.env.CI;
}
