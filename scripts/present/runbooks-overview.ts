/**
 * `opsbook runbooks` output: the overview by service, the stale list, and JSON.
 */
import type { RunbookOverview, RunbookStatus, StaleReason } from '../derive/runbook-status.ts';
import { table, terminalText } from './review-check.ts';

const REASON_WORDS: Record<StaleReason, string> = {
  'review-overdue': 'review overdue',
  'drill-overdue': 'drill overdue',
  'never-drilled': 'never drilled',
};

function state(r: RunbookStatus): string {
  return r.stale.length === 0 ? 'ok' : r.stale.map((s) => REASON_WORDS[s]).join(', ');
}

export function formatRunbooksJson(overview: RunbookOverview, at: string, staleOnly: boolean): string {
  const doc = {
    at,
    today: overview.today,
    runbooks: staleOnly ? overview.runbooks.filter((r) => r.stale.length > 0) : overview.runbooks,
    ...(staleOnly ? {} : { services: overview.services }),
    uncoveredServices: overview.uncovered,
    summary: overview.summary,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function footer(overview: RunbookOverview, zone: string): string[] {
  const s = overview.summary;
  const names = new Map(overview.services.map((x) => [x.id, x.name]));
  const out: string[] = [];
  if (overview.uncovered.length > 0) {
    const width = Math.max(...overview.uncovered.map((id) => id.length));
    out.push(
      '',
      'Central services without a disaster-recovery runbook:',
      ...overview.uncovered.map((id) => `  ${id.padEnd(width)}  ${terminalText(names.get(id) ?? id)}`),
    );
  }
  out.push(
    '',
    `${overview.today} (${zone}): ${s.runbooks} runbooks, ${s.stale} stale; ` +
      `${s.centralServices} central services, ${s.uncovered} without a disaster-recovery runbook`,
  );
  return out;
}

export function formatRunbooksText(overview: RunbookOverview, zone: string): string {
  const byId = new Map(overview.runbooks.map((r) => [r.id, r]));
  const rows: string[][] = [];
  for (const service of overview.services) {
    const group = service.group || '(unknown)';
    if (service.runbooks.length === 0) {
      const note = service.group === 'central' ? 'no disaster-recovery runbook' : 'no runbook';
      rows.push([service.id, group, '-', '', '', '', '', '', note]);
      continue;
    }
    for (const id of service.runbooks) {
      const r = byId.get(id) as RunbookStatus;
      rows.push([
        service.id,
        group,
        r.id,
        r.disasterRecovery ? 'yes' : 'no',
        r.lastReviewed,
        r.reviewDue ?? '-',
        r.lastTested ?? 'never',
        r.testDue ?? '-',
        state(r),
      ]);
    }
  }
  const out = table(
    ['SERVICE', 'GROUP', 'RUNBOOK', 'DR', 'REVIEWED', 'REVIEW BY', 'DRILLED', 'DRILL BY', 'STATE'],
    rows,
  );
  return `${[...out, ...footer(overview, zone)].join('\n')}\n`;
}

export function formatStaleRunbooksText(overview: RunbookOverview, zone: string): string {
  const stale = overview.runbooks.filter((r) => r.stale.length > 0);
  const out =
    stale.length === 0
      ? ['No stale runbooks.']
      : table(
          ['RUNBOOK', 'OWNER', 'REVIEW BY', 'DRILL BY', 'WHY', 'FILE'],
          stale.map((r) => [
            r.id,
            terminalText(r.owner),
            r.reviewDue ?? '-',
            r.testDue ?? '-',
            state(r),
            r.file,
          ]),
        );
  return `${[...out, ...footer(overview, zone)].join('\n')}\n`;
}
