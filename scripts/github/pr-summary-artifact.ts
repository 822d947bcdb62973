/**
 * Reads the pull-request summary data that a pull request's own run uploaded (pr-summary-data.ts).
 * A fork's code wrote it, so the shape is checked strictly before anything is rendered: the
 * format tag, no unknown or missing keys, types, enums, patterns and caps on every string,
 * number and list. A file that breaks any of it is refused whole (exit 2, nothing posted).
 */
import { Temporal } from 'temporal-polyfill';
import { CLOCK_STATES, type ReportedState } from '../derive/sla-report.ts';
import { ExitError } from '../lib/errors.ts';
import { TICKET_ID } from '../model/ids.ts';
import {
  MAX_FINDING_ROWS,
  MAX_MESSAGE_CHARS,
  MAX_PATH_CHARS,
  MAX_SLA_ROWS,
  MAX_TITLE_CHARS,
  PR_SUMMARY_FORMAT,
  type PrSummaryData,
  type PrSummaryFinding,
  type PrSummarySlaRow,
} from '../present/pr-summary-data.ts';

/** Larger files are refused before they are parsed (the data of 300 rows is far smaller). */
export const MAX_ARTIFACT_BYTES = 1024 * 1024;

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const RULE_CODE = /^[a-z][a-z0-9-]*(?:\/[a-z0-9-]+)*$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const ZONE = /^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/;
const MAX_COUNT = 10_000_000;
/** A working-time distance of more than about 300 years is no SLA. */
const MAX_LEFT_MS = 1e13;

type Json = Record<string, unknown>;

class Reader {
  readonly where: string;
  constructor(where: string) {
    this.where = where;
  }

  fail(path: string, what: string): never {
    throw new ExitError(`${this.where}: ${path} ${what}; not an opsbook pr-summary data file`);
  }

  object(value: unknown, path: string, keys: readonly string[]): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(path, 'must be an object');
    const json = value as Json;
    for (const key of Object.keys(json))
      if (!keys.includes(key)) this.fail(`${path}.${key.slice(0, 40)}`, 'is not a known field');
    for (const key of keys) if (!Object.hasOwn(json, key)) this.fail(`${path}.${key}`, 'is missing');
    return json;
  }

  array(value: unknown, path: string, max: number): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'must be a list');
    if (value.length > max) this.fail(path, `has more than ${max} entries`);
    return value;
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
      this.fail(path, `must be an integer from ${min} to ${max}`);
    return value;
  }

  text(value: unknown, path: string, max: number, pattern?: RegExp): string {
    if (typeof value !== 'string') this.fail(path, 'must be a string');
    if (value.length > max) this.fail(path, `is longer than ${max} characters`);
    if (pattern && !pattern.test(value)) this.fail(path, 'has an unexpected form');
    return value;
  }

  maybe<T>(value: unknown, read: (v: unknown) => T): T | null {
    return value === null ? null : read(value);
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    const found = allowed.find((a) => a === value);
    if (found === undefined) this.fail(path, `must be one of ${allowed.join(', ')}`);
    return found;
  }
}

function finding(r: Reader, value: unknown, path: string): PrSummaryFinding {
  const f = r.object(value, path, ['file', 'line', 'col', 'severity', 'code', 'message']);
  return {
    file: r.text(f.file, `${path}.file`, MAX_PATH_CHARS),
    line: r.integer(f.line, `${path}.line`, 0, MAX_COUNT),
    col: r.integer(f.col, `${path}.col`, 0, MAX_COUNT),
    severity: r.oneOf(f.severity, `${path}.severity`, ['error', 'warning'] as const),
    code: r.text(f.code, `${path}.code`, 64, RULE_CODE),
    message: r.text(f.message, `${path}.message`, MAX_MESSAGE_CHARS),
  };
}

function instant(r: Reader, value: unknown, path: string): string {
  const iso = r.text(value, path, 30, ISO_UTC);
  try {
    Temporal.Instant.from(iso);
  } catch {
    r.fail(path, 'is not an instant');
  }
  return iso;
}

function zone(r: Reader, value: unknown, path: string): string {
  const name = r.text(value, path, 64, ZONE);
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name);
  } catch {
    r.fail(path, 'is not a time zone');
  }
  return name;
}

const ROW_KEYS = [
  'id',
  'title',
  'priority',
  'policy',
  'response',
  'resolution',
  'due',
  'zone',
  'leftMs',
] as const;

function slaRow(r: Reader, value: unknown, path: string): PrSummarySlaRow {
  const s = r.object(value, path, ROW_KEYS);
  const row: PrSummarySlaRow = {
    id: r.text(s.id, `${path}.id`, 32, TICKET_ID),
    title: r.maybe(s.title, (v) => r.text(v, `${path}.title`, MAX_TITLE_CHARS)),
    priority: r.maybe(s.priority, (v) => r.text(v, `${path}.priority`, 64, NAME)),
    policy: r.maybe(s.policy, (v) => r.text(v, `${path}.policy`, 64, NAME)),
    response: r.oneOf(s.response, `${path}.response`, CLOCK_STATES),
    resolution: r.oneOf(s.resolution, `${path}.resolution`, CLOCK_STATES),
    due: r.maybe(s.due, (v) => instant(r, v, `${path}.due`)),
    zone: r.maybe(s.zone, (v) => zone(r, v, `${path}.zone`)),
    leftMs: r.maybe(s.leftMs, (v) => r.integer(v, `${path}.leftMs`, -MAX_LEFT_MS, MAX_LEFT_MS)),
  };
  return row;
}

function sla(r: Reader, value: unknown): PrSummaryData['sla'] {
  const s = r.object(value, '$.sla', ['at', 'tickets', 'clocks', 'rows']);
  const counts = r.object(s.clocks, '$.sla.clocks', CLOCK_STATES);
  const clocks = Object.fromEntries(
    CLOCK_STATES.map((state) => [state, r.integer(counts[state], `$.sla.clocks.${state}`, 0, MAX_COUNT)]),
  ) as Record<ReportedState, number>;
  const rows = r.array(s.rows, '$.sla.rows', MAX_SLA_ROWS).map((v, i) => slaRow(r, v, `$.sla.rows[${i}]`));
  const tickets = r.integer(s.tickets, '$.sla.tickets', rows.length, MAX_COUNT);
  if (tickets === 0) r.fail('$.sla.tickets', 'must not be 0 (sla is null then)');
  return { at: instant(r, s.at, '$.sla.at'), tickets, clocks, rows };
}

/** The data in `text` (the artifact named `where`), checked; exit 2 with the first problem. */
export function parsePrSummaryData(text: string, where: string): PrSummaryData {
  const r = new Reader(where);
  if (Buffer.byteLength(text, 'utf8') > MAX_ARTIFACT_BYTES)
    r.fail('$', `is larger than ${MAX_ARTIFACT_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    r.fail('$', 'is not JSON');
  }
  const d = r.object(value, '$', [
    'format',
    'pr',
    'head',
    'base',
    'checkedFiles',
    'errors',
    'warnings',
    'findings',
    'sla',
  ]);
  if (d.format !== PR_SUMMARY_FORMAT) r.fail('$.format', `must be "${PR_SUMMARY_FORMAT}"`);
  const findings = r
    .array(d.findings, '$.findings', MAX_FINDING_ROWS)
    .map((v, i) => finding(r, v, `$.findings[${i}]`));
  const errors = r.integer(d.errors, '$.errors', 0, MAX_COUNT);
  const warnings = r.integer(d.warnings, '$.warnings', 0, MAX_COUNT);
  if (errors + warnings < findings.length)
    r.fail('$.errors', 'and $.warnings count fewer findings than listed');
  return {
    format: PR_SUMMARY_FORMAT,
    pr: r.integer(d.pr, '$.pr', 1, 9_999_999_999),
    head: r.text(d.head, '$.head', 64, SHA),
    base: r.text(d.base, '$.base', 200),
    checkedFiles: r.integer(d.checkedFiles, '$.checkedFiles', 0, MAX_COUNT),
    errors,
    warnings,
    findings,
    sla: r.maybe(d.sla, (v) => sla(r, v)),
  };
}
