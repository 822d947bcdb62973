/**
 * `opsbook report`: not implemented yet (issue 4).
 */
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';

export async function reportCommand(_args: string[], _io: CommandIo): Promise<number> {
  throw new ExitError('not implemented yet');
}
