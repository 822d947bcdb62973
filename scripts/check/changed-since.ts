/**
 * What a check `--changed-since REF` covers, gathered once for `opsbook validate --changed-since
 * REF` and `opsbook github pr-summary --base REF` so that both report the same findings: the
 * tickets, runbooks and opsbook.yaml changed since the merge base with REF, the added tickets
 * whose ID REF already uses, and the merge base that `history/closed-edited` compares with.
 */
import { branchChanges } from '../git/changed-files.ts';
import { CONFIG_FILE, RUNBOOK_DIR, TICKET_DIR } from '../load/files.ts';
import type { ClosedEditBase } from './closed-edits.ts';

/** The options of validateRepository (scripts/check/validate-repository.ts) that `--changed-since REF` sets. */
export interface ChangedSinceScope {
  /** The changed files that validation checks (repository-relative, sorted). */
  focus: string[];
  /** Added tickets whose path (and so ID) REF's tree has too, with where REF has it (`REF:path`). */
  takenOnTarget: Map<string, string>;
  /** The merge base, for `history/closed-edited`. */
  closedSince: ClosedEditBase;
}

function checkedFile(file: string): boolean {
  return (
    file === CONFIG_FILE ||
    ((file.startsWith(`${TICKET_DIR}/`) || file.startsWith(`${RUNBOOK_DIR}/`)) && file.endsWith('.md'))
  );
}

/**
 * Exits 2 when REF is not a commit; `flag` names the option that gave REF in that message.
 * `onWorkTreePass`: see branchChanges.
 */
export async function changedSinceScope(
  root: string,
  ref: string,
  flag = '--changed-since',
  onWorkTreePass?: () => void,
): Promise<ChangedSinceScope> {
  const changes = await branchChanges(root, ref, flag, onWorkTreePass);
  return {
    focus: changes.changed.filter(checkedFile),
    takenOnTarget: new Map(changes.takenOnTarget.map((file) => [file, `${ref}:${file}`])),
    closedSince: { commit: changes.base, label: ref },
  };
}
