/**
 * `history/closed-edited`: a ticket that was final (closed or cancelled) before a change and
 * is still final after it should not have its record rewritten without a timeline entry that
 * reopens it. `resolved` (and `completed`, its maintenance counterpart) are not final: the
 * post-incident review is written after resolution. Pure: two parsed versions of one ticket
 * in, the edit (or null) out. The rule is documented in docs/rules.md.
 *
 * What may change after closing (the post-incident work, docs/file-formats.md): `review`, `actions`,
 * `prevention`, the links `problem` and `related`, and the review section of the body (from its
 * `## Summary` or `## Post-incident review` heading on). Versions are compared as data, so
 * re-indenting, quoting or comments in the YAML do not count, and neither does replacing one
 * ticket ID by another anywhere (what `opsbook renumber` does to the tickets that mention a
 * renumbered one).
 */
import type { DocPath } from '../load/yaml.ts';
import { FINAL_STATUSES } from '../model/lifecycle.ts';
import { instantMs } from '../model/time.ts';
import { findReviewHeading } from './review-edit.ts';

/** One version of a ticket file: its frontmatter data and its body. */
export interface TicketVersion {
  data: Record<string, unknown>;
  /** The Markdown after the frontmatter, with LF line ends. */
  body: string;
  /** 1-based file line on which the body starts. */
  bodyLine: number;
}

/** Top-level fields that post-incident work may still change on a final ticket. */
const EDITABLE_WHEN_FINAL: ReadonlySet<string> = new Set([
  'review',
  'actions',
  'prevention',
  'problem',
  'related',
]);

export interface ClosedEdit {
  /** The status the ticket had before the change. */
  status: string;
  /** The changed fields in file order (`title`, `timeline[2].note`, ...), `body` last. */
  changed: string[];
  /** The first change in the new version: a frontmatter path, or a file line of the body. */
  at: { path: DocPath } | { line: number };
}

const ANY_TICKET_ID = /\b(?:INC|REQ|PRB|MNT)-\d{4}-\d{4,}\b/g;

/** A value with every ticket ID replaced by one placeholder. */
function withoutIds(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ANY_TICKET_ID, '#ID');
  if (Array.isArray(value)) return value.map(withoutIds);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withoutIds(v);
    return out;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]))
    );
  }
  return false;
}

/** Keys of `after` in its order, then the keys only `before` has. */
function keysInOrder(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = Object.keys(after);
  for (const k of Object.keys(before)) if (!Object.hasOwn(after, k)) keys.push(k);
  return keys;
}

/**
 * The deepest path at which `after` first differs from `before` (the two differ). A removed
 * key or item is reported at its container, which the new version still has.
 */
function firstDifference(before: unknown, after: unknown, path: (string | number)[]): (string | number)[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (same(before[i], after[i])) continue;
      if (i >= after.length) return path;
      if (i >= before.length) return [...path, i];
      return firstDifference(before[i], after[i], [...path, i]);
    }
  } else if (isRecord(before) && isRecord(after)) {
    for (const k of keysInOrder(before, after)) {
      if (same(before[k], after[k])) continue;
      if (!Object.hasOwn(after, k)) return path;
      if (!Object.hasOwn(before, k)) return [...path, k];
      return firstDifference(before[k], after[k], [...path, k]);
    }
  }
  return path;
}

function pathText(path: DocPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/** The body's lines before its review section, trailing blank lines and spaces dropped. */
function recordLines(body: string): string[] {
  const lines = (withoutIds(body) as string).split('\n');
  const review = findReviewHeading(body);
  const record = review === null ? lines : lines.slice(0, review - 1);
  const trimmed = record.map((l) => l.trimEnd());
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed;
}

function entryTimes(timeline: unknown): { entry: Record<string, unknown>; ms: number }[] {
  if (!Array.isArray(timeline)) return [];
  return timeline.flatMap((entry) =>
    isRecord(entry) && typeof entry.at === 'string' ? [{ entry, ms: instantMs(entry.at) }] : [],
  );
}

/**
 * Whether `after`'s timeline moves the ticket out of its final status: an entry with another
 * status, later than every entry `before` had (the closing one among them). An edited old entry
 * is not a reopening, however its status reads.
 */
function reopens(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  let closedAt = Number.NEGATIVE_INFINITY;
  for (const { ms } of entryTimes(before.timeline)) if (ms > closedAt) closedAt = ms;
  return entryTimes(after.timeline).some(
    ({ entry, ms }) => typeof entry.status === 'string' && !FINAL_STATUSES.has(entry.status) && ms > closedAt,
  );
}

/**
 * The edit of a final ticket, or null when the ticket was not final before, is not final after
 * (reopened), gained a timeline entry after its closing that reopens it (reopened and closed
 * again in one change), or changed only what post-incident work may change.
 */
export function closedTicketEdit(before: TicketVersion, after: TicketVersion): ClosedEdit | null {
  const status = before.data.status;
  if (typeof status !== 'string' || !FINAL_STATUSES.has(status)) return null;
  const now = after.data.status;
  if (typeof now !== 'string' || !FINAL_STATUSES.has(now)) return null;
  if (reopens(before.data, after.data)) return null;

  const changed: string[] = [];
  let at: ClosedEdit['at'] | null = null;
  const old = withoutIds(before.data) as Record<string, unknown>;
  const current = withoutIds(after.data) as Record<string, unknown>;
  for (const key of keysInOrder(old, current)) {
    if (EDITABLE_WHEN_FINAL.has(key) || same(old[key], current[key])) continue;
    const path = Object.hasOwn(current, key) ? firstDifference(old[key], current[key], [key]) : [key];
    changed.push(pathText(path));
    at ??= { path };
  }

  const oldLines = recordLines(before.body);
  const newLines = recordLines(after.body);
  if (!same(oldLines, newLines)) {
    changed.push('body');
    let i = 0;
    while (i < oldLines.length && i < newLines.length && oldLines[i] === newLines[i]) i++;
    // A shortened record is reported at the line after its new end.
    at ??= { line: after.bodyLine + i };
  }
  return at === null ? null : { status, changed, at };
}
