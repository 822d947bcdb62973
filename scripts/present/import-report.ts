/**
 * What an import did, one line per created, updated or skipped ticket and a summary; untrusted
 * text from the input (ids, values in messages) is made safe for a terminal.
 */
import type { ImportPlan } from '../import/plan.ts';
import { terminalCell } from './escape.ts';

export function importReport(plan: ImportPlan, dryRun: boolean): string {
  const lines: string[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
  for (const o of plan.outcomes) {
    counts[o.action]++;
    const source = o.source.id ? `${o.source.system} ${terminalCell(o.source.id, 80)}` : '';
    if (o.action === 'skipped' && o.problem) {
      const p = o.problem;
      const id = p.id ? ` ${terminalCell(p.id, 80)}` : '';
      lines.push(
        `skipped${id}: ${terminalCell(p.where, 200)}, field ${p.field}: ${terminalCell(p.message, 300)}`,
      );
    } else if (o.action !== 'unchanged') {
      lines.push(`${o.action} ${o.id}  ${source}  ${o.file ?? ''}`.trimEnd());
    }
  }
  const added = Object.entries(plan.added)
    .filter(([, ids]) => ids.length > 0)
    .map(([section, ids]) => `${section}: ${ids.join(', ')}`);
  if (added.length > 0) lines.push(`added to opsbook.yaml: ${added.join('; ')}`);
  const summary = [
    `${counts.created} created`,
    `${counts.updated} updated`,
    `${counts.unchanged} unchanged`,
    `${counts.skipped} skipped`,
    ...(plan.older > 0 ? [`${plan.older} before --since`] : []),
  ].join(', ');
  lines.push(dryRun ? `${summary} (dry run: nothing written)` : summary);
  return `${lines.join('\n')}\n`;
}
