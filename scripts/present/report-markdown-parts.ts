/**
 * What every section of the Markdown report (`report-markdown.ts`) shares: its options, the
 * context handed to each section, and the building blocks: escaping of ticket and settings text
 * (`md`), counts, shares and durations as text, tables, code blocks and lists of causes.
 *
 * Every text that comes from a ticket or from opsbook.yaml goes through `md`: it can neither open
 * HTML, nor a link, nor break a table.
 */
import type { ClockFigures, ReportData } from '../derive/report.ts';
import { NONE } from '../derive/report.ts';
import { type Counts, rankCounts } from '../derive/report-stats.ts';
import type { Chart } from './report-svg.ts';

export interface MarkdownOptions {
  /** Display names from opsbook.yaml (ids stay visible next to them). */
  names?: { service?(id: string): string | undefined; customer?(id: string): string | undefined };
  /** Charts written next to the Markdown (linked by file name). */
  charts?: readonly Chart[];
  /** Title and `reported_at` of a ticket, for the incidents of problem candidates. */
  ticket?(id: string): { title: string; reported_at: string } | undefined;
  /** Rows per table before "… and N more"; default 25. */
  maxRows?: number;
}

/**
 * Inline text from tickets or settings: no HTML, no links or images, no emphasis, no code spans,
 * no table breaks, one line. `<`, `>` and an `&` that could start an entity become entities; the
 * other Markdown punctuation gets a backslash.
 */
export function md(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters and line breaks go
      .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]|~#!$])/g, '\\$1')
  );
}

/** A share as `12.5 %`, `—` when there is none. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}

/** A count with thousands separators: `100,000`. */
export function num(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A count with its noun: `1 ticket`, `3 tickets`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${num(count)} ${count === 1 ? one : many}`;
}

/** Minutes as `45 min`, `3 h 20 min`, or (wall-clock, 2 days and more) `2 d 4 h`. */
export function formatMinutes(minutes: number | null, wallClock: boolean): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (wallClock && m >= 2 * 1440) {
    const d = Math.floor(m / 1440);
    const h = Math.round((m - d * 1440) / 60);
    return h > 0 ? `${num(d)} d ${h} h` : `${num(d)} d`;
  }
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest > 0 ? `${num(h)} h ${rest} min` : `${num(h)} h`;
}

const KIND_WORDS: Record<string, [string, string]> = {
  incident: ['incident', 'incidents'],
  'service-request': ['service request', 'service requests'],
  problem: ['problem record', 'problem records'],
  maintenance: ['maintenance window', 'maintenance windows'],
};

/** A count of tickets of one kind: `1 incident`, `2 service requests`. */
export function kindCount(kind: string, count: number): string {
  const [one, many] = KIND_WORDS[kind] ?? [kind, kind];
  return `${num(count)} ${count === 1 ? one : many}`;
}

/** A table; `align` has one letter per column, `l` or `r` (numbers); rows past `maxRows` are cut. */
export function table(
  header: readonly string[],
  rows: readonly string[][],
  maxRows: number,
  what: string,
  align = '',
): string[] {
  const out = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join('|')}|`,
  ];
  for (const r of rows.slice(0, maxRows)) out.push(`| ${r.join(' | ')} |`);
  if (rows.length > maxRows) {
    out.push(
      '',
      `… and ${num(rows.length - maxRows)} more ${what} (\`opsbook report --format json\` lists all).`,
    );
  }
  return out;
}

/** A fence longer than any run of backticks in the text. */
export function codeBlock(text: string, lang: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, text, fence];
}

/** `3 auto-update, 1 resource-exhaustion`; past `limit` causes the rest is summed up as "other". */
export function causeList(counts: Counts, max = Number.POSITIVE_INFINITY): string {
  const ranked = rankCounts(counts);
  // "1 other" would say less than the one cause it hides.
  const limit = ranked.length === max + 1 ? max + 1 : max;
  const shown = ranked
    .slice(0, limit)
    .map(([cause, n]) => `${num(n)} ${cause === NONE ? 'no cause given' : md(cause)}`);
  const rest = ranked.slice(limit).reduce((sum, [, n]) => sum + n, 0);
  if (rest > 0) shown.push(`${num(rest)} other`);
  return shown.join(', ');
}

/** What the sections share: names, charts, the row limit. */
export interface Context {
  report: ReportData;
  options: MarkdownOptions;
  maxRows: number;
  serviceName(id: string): string;
  customerName(id: string): string;
  /** The chart's image line (after a blank line) when it was written, else nothing. */
  chart(file: string): string[];
  /** Incident duplicates by category. */
  duplicatesByCategory: Map<string, number>;
  /** `9 incidents, 2 service requests`: the kinds present, largest first. */
  kinds: string[];
}

/** `8 of 10 (80.0 %)`: met of decided clocks, or that none was decided. */
export function complianceText(c: ClockFigures): string {
  const decided = c.met + c.breached;
  return decided === 0
    ? '— (no clock decided)'
    : `${num(c.met)} of ${num(decided)} (${percent(c.compliance)})`;
}
