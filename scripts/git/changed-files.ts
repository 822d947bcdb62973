/**
 * What a branch changed, for `validate --changed-since REF`, read with simple-git.
 */
import { simpleGit } from 'simple-git';
import { ExitError } from '../lib/errors.ts';

export interface BranchChanges {
  /** Files changed since the merge base with REF (committed, staged, unstaged or untracked). */
  changed: string[];
  /** Of those, the files the branch added. */
  added: string[];
  /** Every path under incidents/ in REF's tree. */
  targetTicketFiles: string[];
}

function lines(output: string): string[] {
  return output.split('\0').filter((l) => l.length > 0);
}

export async function branchChanges(root: string, ref: string): Promise<BranchChanges> {
  const git = simpleGit({ baseDir: root });
  let commit = '';
  try {
    commit = (await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    commit = '';
  }
  if (!commit)
    throw new ExitError(`--changed-since: "${ref}" is not a commit, branch or tag in this repository`);
  let base = ref;
  try {
    base = (await git.raw(['merge-base', ref, 'HEAD'])).trim() || ref;
  } catch {
    // No common history (or no HEAD yet): compare with REF itself.
  }
  const scope = ['--', 'incidents', 'runbooks', 'opsbook.yaml'];
  const [changed, added, untracked, target] = await gitOrExit([
    git.raw(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMRT', base, ...scope]),
    git.raw(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=A', base, ...scope]),
    git.raw(['ls-files', '-z', '--others', '--exclude-standard', ...scope]),
    git.raw(['ls-tree', '-r', '-z', '--name-only', ref, '--', 'incidents']),
  ] as const);
  const untrackedFiles = lines(untracked);
  return {
    changed: [...new Set([...lines(changed), ...untrackedFiles])].sort(),
    added: [...new Set([...lines(added), ...untrackedFiles])].sort(),
    targetTicketFiles: lines(target),
  };
}

async function gitOrExit<T extends readonly Promise<string>[]>(
  calls: T,
): Promise<{ -readonly [K in keyof T]: string }> {
  try {
    return (await Promise.all(calls)) as { -readonly [K in keyof T]: string };
  } catch (error) {
    throw new ExitError(`git failed: ${(error as Error).message.split('\n')[0]}`);
  }
}
