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
  /** Added ticket files whose path (and so whose ID) REF's tree already has. */
  takenOnTarget: string[];
  /** The commit the changes are measured from: the merge base with REF (REF itself without one). */
  base: string;
}

const SCOPE = ['--', 'incidents', 'runbooks', 'opsbook.yaml'];

function fields(output: string): string[] {
  return output.split('\0').filter((l) => l.length > 0);
}

/**
 * Exits 2 when REF is not a commit; `flag` names the option that gave REF in that message.
 * `onWorkTreePass` is called when the git processes that go over the working tree (the longest
 * part: they stat every tracked file) have been asked for: the caller may then work meanwhile.
 */
export async function branchChanges(
  root: string,
  ref: string,
  flag = '--changed-since',
  onWorkTreePass?: () => void,
): Promise<BranchChanges> {
  const git = simpleGit({ baseDir: root });
  let commit = '';
  try {
    commit = (await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    commit = '';
  }
  if (!commit) throw new ExitError(`${flag}: "${ref}" is not a commit, branch or tag in this repository`);
  let base = commit;
  try {
    base = (await git.raw(['merge-base', ref, 'HEAD'])).trim() || commit;
  } catch {
    // No common history (or no HEAD yet): compare with REF itself.
  }
  // One pass over the working tree for tracked files (status letter, path pairs) and one for
  // untracked files; both stat every file, so they run side by side.
  const pass = gitOrExit([
    git.raw(['diff', '--name-status', '-z', '--no-renames', '--diff-filter=ACMRT', base, ...SCOPE]),
    git.raw(['ls-files', '-z', '--others', '--exclude-standard', ...SCOPE]),
  ] as const);
  onWorkTreePass?.();
  const [status, untracked] = await pass;
  const changed = new Set<string>();
  const added = new Set<string>();
  const parts = fields(status);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const path = parts[i + 1] as string;
    changed.add(path);
    if (parts[i] === 'A') added.add(path);
  }
  for (const path of fields(untracked)) {
    changed.add(path);
    added.add(path);
  }
  // An ID is its path (incidents/YEAR/ID.md), so only the added tickets' paths are looked up.
  const addedTickets = [...added].filter((f) => f.startsWith('incidents/'));
  const [onTarget] =
    addedTickets.length > 0
      ? await gitOrExit([git.raw(['ls-tree', '-z', '--name-only', ref, '--', ...addedTickets])] as const)
      : [''];
  return {
    changed: [...changed].sort(),
    added: [...added].sort(),
    takenOnTarget: fields(onTarget).sort(),
    base,
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

/**
 * Ticket files whose working-tree or staged version differs from HEAD (uncommitted edits), for
 * `history/closed-edited` in a whole-repository `validate`. One `git diff` process; an empty list
 * outside a Git repository or before the first commit: the rule then has nothing to compare.
 */
export async function uncommittedTickets(root: string, dir = 'incidents'): Promise<string[]> {
  try {
    const out = await simpleGit({ baseDir: root }).raw([
      '-c',
      'core.quotePath=false',
      'diff',
      '--name-only',
      '--relative',
      '--diff-filter=M',
      'HEAD',
      '--',
      dir,
    ]);
    return out.split('\n').filter((f) => f.endsWith('.md'));
  } catch {
    return [];
  }
}
