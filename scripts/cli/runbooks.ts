/**
 * `opsbook runbooks`: not implemented yet (issue 4).
 */
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';

export async function runbooksCommand(_args: string[], _io: CommandIo): Promise<number> {
  throw new ExitError('not implemented yet');
}
