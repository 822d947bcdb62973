/**
 * The data of the pull-request summary (`opsbook github pr-summary --base … --data FILE`):
 * findings and SLA rows as plain values, no Markdown. The pull request's own run (untrusted: a
 * fork's code) writes it as an artifact; the trusted `pr-comment` workflow checks its shape
 * (github/pr-summary-artifact.ts) and renders the comment itself (pr-summary-markdown.ts), so
 * nothing a fork renders reaches the comment.
 */

import type { PolicyCalendars } from '../derive/policy-calendars.ts';
import { isRunning, type ReportedState, type SlaReport } from '../derive/sla-report.ts';
import { countBySeverity, type Finding } from '../model/finding.ts';
import { instantMs } from '../model/time.ts';

export const PR_SUMMARY_FORMAT = 'opsbook-pr-summary/1';
/** Findings listed in the comment (the job summary of `validate` has all). */
export const MAX_FINDING_ROWS = 100;
/** Tickets listed in the comment. */
export const MAX_SLA_ROWS = 200;
/** Longest free text kept per field: a finding message, a ticket title, a path. */
export const MAX_MESSAGE_CHARS = 500;
export const MAX_TITLE_CHARS = 200;
export const MAX_PATH_CHARS = 300;

export interface PrSummaryFinding {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface PrSummarySlaRow {
  id: string;
  title: string | null;
  priority: string | null;
  policy: string | null;
  response: ReportedState;
  resolution: ReportedState;
  /** The due instant of the next running clock (response first), in UTC. */
  due: string | null;
  /** The policy calendar's zone, for showing `due`. */
  zone: string | null;
  /** Working time left until `due` (negative: over), when the calendar is known. */
  leftMs: number | null;
}

/** What the comment shows. */
export interface PrSummaryContent {
  /** The ref the pull request is compared with. */
  base: string;
  checkedFiles: number;
  errors: number;
  warnings: number;
  /** At most MAX_FINDING_ROWS; `errors + warnings` counts all. */
  findings: PrSummaryFinding[];
  /** Null when the pull request touches no ticket with SLA clocks. */
  sla: {
    at: string;
    tickets: number;
    clocks: Record<ReportedState, number>;
    /** At most MAX_SLA_ROWS, the tickets that need attention first. */
    rows: PrSummarySlaRow[];
  } | null;
}

/** The artifact: the content, and the pull request and commit it was made for. */
export interface PrSummaryData extends PrSummaryContent {
  format: typeof PR_SUMMARY_FORMAT;
  pr: number;
  /** The head commit of the pull request that was checked. */
  head: string;
}

export interface PrSummarySource {
  base: string;
  findings: readonly Finding[];
  checkedFiles: number;
  sla: SlaReport | null;
  calendars: PolicyCalendars;
  titleOf: (id: string) => string | undefined;
}

/** Text cut to `max` characters, with an ellipsis when cut. */
function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const WORST_FIRST: readonly ReportedState[] = [
  'breached',
  'at-risk',
  'paused',
  'running',
  'met',
  'not-applicable',
];

function slaOf(report: SlaReport | null, source: PrSummarySource): PrSummaryContent['sla'] {
  if (report === null || report.tickets.length === 0) return null;
  const at = instantMs(report.at);
  const worst = (s: readonly [ReportedState, ReportedState]) =>
    Math.min(WORST_FIRST.indexOf(s[0]), WORST_FIRST.indexOf(s[1]));
  const tickets = report.tickets
    .map((e) => e.sla)
    .sort(
      (a, b) => worst([a.response.state, a.resolution.state]) - worst([b.response.state, b.resolution.state]),
    );
  const rows = tickets.slice(0, MAX_SLA_ROWS).map((t): PrSummarySlaRow => {
    const next = isRunning(t.response) ? t.response : isRunning(t.resolution) ? t.resolution : null;
    const title = source.titleOf(t.id);
    return {
      id: t.id,
      title: title ? capText(title, MAX_TITLE_CHARS) : null,
      priority: t.priority,
      policy: t.policy,
      response: t.response.state,
      resolution: t.resolution.state,
      due: next?.due ?? null,
      zone: next ? source.calendars.zone(t.policy) : null,
      leftMs: next?.due ? source.calendars.workingMs(t.policy, at, instantMs(next.due)) : null,
    };
  });
  return { at: report.at, tickets: report.tickets.length, clocks: { ...report.summary }, rows };
}

export function prSummaryContent(source: PrSummarySource): PrSummaryContent {
  const { errors, warnings } = countBySeverity(source.findings);
  return {
    base: source.base,
    checkedFiles: source.checkedFiles,
    errors,
    warnings,
    findings: source.findings.slice(0, MAX_FINDING_ROWS).map((f) => ({
      file: capText(f.file, MAX_PATH_CHARS),
      line: f.line,
      col: f.col,
      severity: f.severity,
      code: f.code,
      message: capText(f.message, MAX_MESSAGE_CHARS),
    })),
    sla: slaOf(source.sla, source),
  };
}
