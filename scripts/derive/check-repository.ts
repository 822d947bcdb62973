/**
 * Consistency rules across files: IDs claimed twice and `duplicate_of` chains that loop.
 * Per-file rules live in ticket-rules.ts and runbook-rules.ts. Pure: data in, findings out.
 */
import type { RuleFinding } from '../load/rule-finding.ts';
import { idFromPath } from '../model/ids.ts';
import { duplicateCycles } from './duplicate-chains.ts';

/** Findings for every checked file whose ID another file claims too (IDs from file names). */
export function checkDuplicateIds(
  files: readonly string[],
  checked: ReadonlySet<string>,
  what: string,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const byId = new Map<string, string[]>();
  // When a few files are checked, only their IDs are collected.
  const wanted = checked.size * 4 < files.length ? new Set([...checked].map(idFromPath)) : null;
  for (const file of files) {
    const id = idFromPath(file);
    if (wanted && !wanted.has(id)) continue;
    const list = byId.get(id);
    if (list) list.push(file);
    else byId.set(id, [file]);
  }
  for (const [id, claimants] of byId) {
    if (claimants.length < 2) continue;
    for (const file of claimants) {
      if (!checked.has(file)) continue;
      const others = claimants.filter((f) => f !== file).join(', ');
      findings.push({
        file,
        code: 'id/duplicate',
        severity: 'error',
        line: 1,
        col: 1,
        message: `${what} ${id} is also claimed by ${others}`,
      });
    }
  }
  return findings;
}

export interface DuplicateLink {
  id: string;
  file: string;
  duplicateOf: string;
}

/**
 * Findings for checked tickets whose `duplicate_of` chain loops. `outside` gives the
 * `duplicate_of` of tickets that were not checked (a focused run reads only those a chain
 * passes through).
 */
export function checkDuplicateCycles(
  links: readonly DuplicateLink[],
  outside?: (id: string) => string | undefined,
): RuleFinding[] {
  const duplicateOf = new Map<string, string>();
  const fileOf = new Map<string, string>();
  for (const link of links) {
    fileOf.set(link.id, link.file);
    if (link.duplicateOf !== link.id) duplicateOf.set(link.id, link.duplicateOf);
  }
  if (outside) {
    const queue = [...duplicateOf.values()];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      if (duplicateOf.has(id) || fileOf.has(id)) continue;
      const next = outside(id);
      if (next && next !== id) {
        duplicateOf.set(id, next);
        queue.push(next);
      }
    }
  }
  const findings: RuleFinding[] = [];
  for (const [id, cycle] of duplicateCycles(duplicateOf)) {
    const file = fileOf.get(id);
    if (!file) continue;
    findings.push({
      file,
      code: 'duplicate/cycle',
      severity: 'error',
      path: ['duplicate_of'],
      at: 'value',
      message: `duplicate_of runs in a cycle (${[...cycle, cycle[0]].join(' → ')}); one ticket must be the original`,
    });
  }
  return findings;
}
