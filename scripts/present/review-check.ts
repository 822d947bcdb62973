/**
 * `opsbook review --check` output: a terminal table and JSON.
 */
import type { ReviewCheck, ReviewReason } from '../derive/review-check.ts';
import type { ReviewPolicy } from '../derive/review-policy.ts';
import { instantMs } from '../model/time.ts';
import { localDate } from '../model/zone-offsets.ts';
import { withoutControls } from './escape.ts';

export function formatReviewCheckJson(check: ReviewCheck, policy: ReviewPolicy): string {
  const doc = {
    at: check.at,
    today: check.today,
    policy: {
      requiredPriorities: policy.requiredPriorities,
      onBreach: policy.onBreach,
      dueBusinessDays: policy.dueBusinessDays,
      calendar: policy.calendarId,
    },
    reviews: check.reviews,
    actions: check.actions,
    summary: check.summary,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Ticket text on a terminal: no control characters (escape sequences), one line. */
export const terminalText = withoutControls;

const REASON_WORDS: Record<ReviewReason, string> = {
  ticket: 'ticket',
  priority: 'priority',
  breach: 'SLA breach',
};

export function table(header: string[], rows: string[][]): string[] {
  // A loop, not Math.max(...rows): spreading 100,000 rows overflows the call stack.
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] as string).length), h.length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function formatReviewCheckText(check: ReviewCheck, zone: string): string {
  const out: string[] = [];
  if (check.reviews.length === 0) {
    out.push('No outstanding reviews.');
  } else {
    out.push(
      ...table(
        ['REVIEW', 'ID', 'PRIO', 'WHY', 'RESOLVED', 'DUE', 'SECTION', 'TITLE'],
        check.reviews.map((r) => [
          r.state,
          r.id,
          r.priority ?? '-',
          r.reasons.map((x) => REASON_WORDS[x]).join(', '),
          r.resolvedAt ? localDate(instantMs(r.resolvedAt), zone) : '-',
          r.due ?? '-',
          r.written ? 'written' : 'missing',
          terminalText(r.title),
        ]),
      ),
    );
  }
  out.push('');
  if (check.actions.length === 0) {
    out.push('No open actions.');
  } else {
    out.push(
      ...table(
        ['ACTION', 'ID', 'DUE', 'OWNER', 'TITLE'],
        check.actions.map((a) => [
          a.state,
          a.id,
          a.due ?? '-',
          a.owner ? terminalText(a.owner) : '-',
          terminalText(a.title),
        ]),
      ),
    );
  }
  const s = check.summary;
  out.push(
    '',
    `${check.today} (${zone}): ${s.required} reviews required, ${s.done} done, ${s.pending} pending, ${s.due} due, ` +
      `${s.overdue} overdue (${s.missing} not written yet); ${s.openActions} open actions, ${s.overdueActions} overdue`,
  );
  return `${out.join('\n')}\n`;
}
