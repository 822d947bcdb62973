/**
 * `opsbook report --format json`: the report's facts with every object's keys in code-point
 * order, so the same files and `--at` give byte-identical output on every machine. Arrays keep the
 * order the report gives them (each documented in scripts/derive/report/types.ts).
 *
 * Objects are indented; the entries of a list (tickets, actions, reviews, months) stand one per
 * line, as in `opsbook sla --format json`: a 100,000-ticket report stays readable, diffable and
 * quick to write.
 */
import type { ReportData } from '../derive/report.ts';

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether JSON.stringify writes `value` as `compact` would: its keys (`keys`, its own in their
 * order) already in code-point order, and every value a string, number, boolean, null or
 * undefined (left out by both). The long lists of the report (outstanding reviews, open
 * actions, duplicates) are built that way, and JSON.stringify writes them several times faster.
 */
function flatInOrder(value: object, keys: readonly string[]): boolean {
  if ('toJSON' in value) return false;
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Record<string, unknown>)[keys[i] as string];
    if (v !== undefined && !plain(v)) return false;
    if (i > 0 && !((keys[i - 1] as string) < (keys[i] as string))) return false;
  }
  return true;
}

/** A string, number, boolean or null: JSON.stringify writes it as compact does. */
function plain(v: unknown): boolean {
  const type = typeof v;
  return type === 'object' ? v === null : type === 'string' || type === 'number' || type === 'boolean';
}

/** Whether every item is plain (undefined is not: compact writes it as null, in an array too). */
function primitives(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) if (!plain(items[i])) return false;
  return true;
}

/** JSON on one line, keys sorted. */
function compact(value: unknown): string {
  if (Array.isArray(value))
    return primitives(value) ? JSON.stringify(value) : `[${value.map(compact).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (flatInOrder(value, keys)) return JSON.stringify(value);
    const entries = keys
      .sort(byCodePoint)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${compact((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function pretty(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // One string grown entry by entry: no array of 22,000 indented lines to join.
    let out = `[\n${inner}${compact(value[0])}`;
    for (let i = 1; i < value.length; i++) out += `,\n${inner}${compact(value[i])}`;
    return `${out}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .sort(byCodePoint)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (keys.length === 0) return '{}';
    const lines = keys.map(
      (k) => `${inner}${JSON.stringify(k)}: ${pretty((value as Record<string, unknown>)[k], inner)}`,
    );
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function formatReportJson(report: ReportData): string {
  return `${pretty(report, '')}\n`;
}
