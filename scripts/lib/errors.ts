/**
 * Typed errors of the command line.
 *
 * An `ExitError` is an expected failure of the command itself (bad arguments, an unreadable
 * config): the CLI prints its one-line message and exits with its code (2 by default).
 * Anything else that escapes a command is an internal error: the CLI prints the stack and asks
 * for a bug report. Findings about the user's files are never errors: they are data.
 */
export class ExitError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'ExitError';
    this.exitCode = exitCode;
  }
}
