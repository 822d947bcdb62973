/**
 * The ticket files a range of commits changed, with their text before and after, for
 * `opsbook notify --from REV --to REV`: one `git diff --name-only` and one `git cat-file
 * --batch` per side.
 */
import { simpleGit } from 'simple-git';
import { ExitError } from '../lib/errors.ts';
import { readFilesAtRef } from './file-at-ref.ts';

export interface ChangedFile {
  /** Relative to the root, e.g. `incidents/2026/INC-2026-0042.md`. */
  file: string;
  /** The bytes at `from`, or null when the file did not exist there. */
  before: Uint8Array | null;
  /** The bytes at `to`, or null when the range deleted it. */
  after: Uint8Array | null;
}

/** The full commit name of `rev`, or exit 2 naming the flag that gave it. */
export async function resolveCommit(root: string, rev: string, flag: string): Promise<string> {
  let commit = '';
  try {
    commit = (
      await simpleGit({ baseDir: root }).raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])
    ).trim();
  } catch {
    commit = '';
  }
  if (!commit) throw new ExitError(`--${flag}: "${rev}" is not a commit in this repository`);
  return commit;
}

export async function changedTicketFiles(root: string, from: string, to: string): Promise<ChangedFile[]> {
  let listing: string;
  try {
    listing = await simpleGit({ baseDir: root }).raw([
      '-c',
      'core.quotePath=false',
      'diff',
      '--name-only',
      '-z',
      '--relative',
      '--no-renames',
      from,
      to,
      '--',
      'incidents',
    ]);
  } catch (error) {
    throw new ExitError(`git diff failed: ${(error as Error).message.split('\n')[0]}`);
  }
  const files = listing.split('\0').filter((f) => f.endsWith('.md'));
  if (files.length === 0) return [];
  const [before, after] = await Promise.all([
    readFilesAtRef(root, from, files),
    readFilesAtRef(root, to, files),
  ]);
  return files.map((file) => ({ file, before: before.get(file) ?? null, after: after.get(file) ?? null }));
}
