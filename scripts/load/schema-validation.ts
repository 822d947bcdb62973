/**
 * JSON Schema validation of tickets, runbooks and opsbook.yaml (draft 2020-12, ajv), with
 * ajv's errors turned into user-facing problems at a document path.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ImportMap, OpsbookConfig, Runbook, Ticket } from '../model/schema-types.generated.ts';
import { FIRST_YEAR, LAST_YEAR, SUPPORTED_YEARS_PATTERN } from '../model/time.ts';
import { closestWord } from './did-you-mean.ts';
import * as generated from './schema-validators.generated.js';
import type { DocPath } from './yaml.ts';

/** Each schema's root type, generated from the same schema (scripts/model/gen-types.ts). */
export interface SchemaTypes {
  ticket: Ticket;
  runbook: Runbook;
  config: OpsbookConfig;
  'import-map': ImportMap;
}

export type SchemaName = keyof SchemaTypes;

export interface PathProblem {
  code: string;
  /** Where in the document: the field's key (`key`) or its value (`value`). */
  path: DocPath;
  at: 'key' | 'value';
  message: string;
  severity: 'error' | 'warning';
}

// Compiled ahead of time from schemas/ (npm run gen:validators; the tests fail on drift), so
// neither the command line nor a worker thread compiles schemas at start-up.
const validators: { [S in SchemaName]: ValidateFunction<SchemaTypes[S]> } = {
  ticket: generated.ticket,
  runbook: generated.runbook,
  config: generated.config,
  'import-map': generated.importMap,
};

export type SchemaCheck<T> = { ok: true; value: T } | { ok: false; problems: PathProblem[] };

/**
 * Validates a parsed document: when it conforms, the same data typed as the schema's type (the
 * one place where parsed data becomes a Ticket, Runbook, ...); otherwise the problems.
 */
export function checkAgainstSchema<S extends SchemaName>(
  name: S,
  data: unknown,
): SchemaCheck<SchemaTypes[S]> {
  const validate: ValidateFunction<SchemaTypes[S]> = validators[name];
  if (validate(data)) return { ok: true, value: data };
  return { ok: false, problems: explainErrors(validate.errors ?? [], data, name) };
}

/** Validates a parsed document; returns no problems when it conforms. */
export function validateAgainstSchema(name: SchemaName, data: unknown): PathProblem[] {
  const check = checkAgainstSchema(name, data);
  return check.ok ? [] : check.problems;
}

const schemaFiles: Partial<Record<SchemaName, Record<string, unknown>>> = {};

/** The schema's own text, read only when a problem needs it (the validators are precompiled). */
function schemaOf(name: SchemaName): Record<string, unknown> {
  const file = name === 'config' ? 'config' : name;
  schemaFiles[name] ??= JSON.parse(
    readFileSync(new URL(`../../schemas/${file}.schema.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  return schemaFiles[name];
}

/** The property names of the schema object that holds the keyword at `schemaPath` (`#/a/b/kw`). */
function knownProperties(name: SchemaName, schemaPath: string): string[] {
  let node: unknown = schemaOf(name);
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1)) {
    if (node === null || typeof node !== 'object') return [];
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  const properties =
    node && typeof node === 'object' ? (node as { properties?: object }).properties : undefined;
  return properties ? Object.keys(properties) : [];
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const best = closestWord(word, candidates);
  return best ? ` (did you mean "${best}"?)` : '';
}

function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key;
    });
}

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, step) ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return node;
}

function fieldName(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return 'the document';
  return `"${path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[')}"`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  return String(value);
}

const SHAPE_KEYWORDS = new Set(['type', 'const', 'enum', 'pattern', 'format']);

function explainErrors(errors: ErrorObject[], data: unknown, name: SchemaName): PathProblem[] {
  // Errors inside `propertyNames` repeat what the propertyNames error says.
  let relevant = errors.filter(
    (e) => (e as ErrorObject & { propertyName?: string }).propertyName === undefined,
  );
  // A failed anyOf/oneOf reports every branch. When something failed deeper inside the value
  // (it had the right shape but a wrong member) those deeper errors are the useful ones;
  // otherwise one message listing the alternatives is.
  const drop = new Set<ErrorObject>();
  const alternatives = new Map<ErrorObject, string[]>();
  for (const union of relevant.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const path = union.instancePath;
    const same = relevant.filter((e) => e.instancePath === path && SHAPE_KEYWORDS.has(e.keyword));
    for (const e of same) drop.add(e);
    if (relevant.some((e) => e.instancePath.startsWith(`${path}/`))) drop.add(union);
    else alternatives.set(union, same.map(alternative));
  }
  // A value outside an enum also fails the enum's `type`; the enum's message (with the allowed
  // values) says more. A time that is no time also fails the year range; one message is enough.
  const enumPaths = new Set(relevant.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  const formatPaths = new Set(relevant.filter((e) => e.keyword === 'format').map((e) => e.instancePath));
  relevant = relevant.filter(
    (e) =>
      !drop.has(e) &&
      e.keyword !== 'if' &&
      !(e.keyword === 'type' && enumPaths.has(e.instancePath)) &&
      !(e.keyword === 'pattern' && formatPaths.has(e.instancePath)),
  );
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  for (const error of relevant) {
    const problem = explainError(error, data, name, alternatives.get(error));
    const key = `${problem.code}|${problem.path.join('/')}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function alternative(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return article(String(params.type));
    case 'const':
      return JSON.stringify(params.allowedValue);
    case 'format':
      return params.format === 'date' ? 'a date (YYYY-MM-DD)' : `a ${String(params.format)}`;
    case 'enum':
      return (params.allowedValues as unknown[]).join(', ');
    default:
      return 'text of another form';
  }
}

function explainError(
  error: ErrorObject,
  data: unknown,
  name: SchemaName,
  alternatives?: string[],
): PathProblem {
  const path = pointerToPath(error.instancePath);
  const value = valueAt(data, path);
  const field = fieldName(path);
  const params = error.params as Record<string, unknown>;
  const at = (p: DocPath, code: string, message: string, where: 'key' | 'value' = 'value'): PathProblem => ({
    code,
    path: p,
    at: where,
    message,
    severity: 'error',
  });
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return at(
        [...path, extra],
        'schema/unknown-field',
        `unknown field "${extra}" in ${path.length ? field : name === 'config' ? 'opsbook.yaml' : 'the frontmatter'}${didYouMean(extra, knownProperties(name, error.schemaPath))}; custom fields must start with "x-"`,
        'key',
      );
    }
    case 'propertyNames': {
      const key = String(params.propertyName);
      return at(
        [...path, key],
        'schema/key',
        `key "${key}" in ${field} is not a lowercase id (letters, digits, "-")`,
        'key',
      );
    }
    case 'pattern':
      if (params.pattern === SUPPORTED_YEARS_PATTERN) {
        return at(
          path,
          'time/range',
          `${field} is ${describe(value)}, outside the supported years ${FIRST_YEAR} to ${LAST_YEAR}`,
        );
      }
      return at(
        path,
        'schema/pattern',
        `${field} is ${describe(value)}, expected ${patternHint(String(params.pattern))}`,
      );
    case 'required':
      return at(
        path,
        'schema/required',
        `missing required field "${String(params.missingProperty)}"${path.length ? ` in ${field}` : ''}`,
        'key',
      );
    case 'type':
      return at(
        path,
        'schema/type',
        `${field} must be ${article(String(params.type))}, found ${describe(value)}`,
      );
    case 'enum':
      return at(
        path,
        'schema/enum',
        `${field} must be one of ${(params.allowedValues as unknown[]).join(', ')}; found ${describe(value)}${typeof value === 'string' ? didYouMean(value, (params.allowedValues as unknown[]).map(String)) : ''}`,
      );
    case 'const':
      return at(
        path,
        'schema/const',
        `${field} must be ${describe(params.allowedValue)}, found ${describe(value)}`,
      );
    case 'format':
      return explainFormat(path, field, String(params.format), value);
    case 'anyOf':
    case 'oneOf':
      return at(
        path,
        'schema/type',
        `${field} must be ${[...new Set(alternatives ?? [])].join(' or ') || 'of another form'}; found ${describe(value)}`,
      );
    default:
      return at(path, `schema/${error.keyword}`, `${field} ${error.message ?? 'is invalid'}`);
  }
}

function explainFormat(path: DocPath, field: string, format: string, value: unknown): PathProblem {
  const problem = (code: string, message: string): PathProblem => ({
    code,
    path,
    at: 'value',
    message,
    severity: 'error',
  });
  const text = String(value);
  if (format === 'date-time') {
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
      return problem(
        'time/no-offset',
        `${field} is "${text}" without a UTC offset; write it with one, e.g. "${text.replace(' ', 'T')}+01:00" or "...Z"`,
      );
    }
    return problem(
      'time/invalid',
      `${field} is ${describe(value)}, not a valid time; expected ISO 8601 with an offset, e.g. 2026-03-02T09:15:00+01:00`,
    );
  }
  if (format === 'date') {
    return problem('date/invalid', `${field} is ${describe(value)}, not a valid date; expected YYYY-MM-DD`);
  }
  return problem('schema/format', `${field} is ${describe(value)}, not a valid ${format}`);
}

function article(type: string): string {
  const t = type.replace(/,/g, ' or ');
  if (t === 'object') return 'a mapping';
  if (t === 'array') return 'a list';
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function patternHint(pattern: string): string {
  if (pattern.includes('INC|REQ|PRB|MNT')) return 'a ticket ID like INC-2026-0042';
  if (pattern.includes('bd')) return 'a duration like 30m, 4h or 2bd';
  if (pattern.includes('[dwmy]')) return 'an interval like 90d, 12w, 6m or 1y';
  if (pattern.includes('[mhd]')) return 'a duration like 30m, 4h or 1d';
  if (pattern.includes('a-z0-9')) return 'a lowercase id (letters, digits, "-")';
  if (pattern.includes('24:00')) return 'a range like "08:00-17:00"';
  return `text matching ${pattern}`;
}
