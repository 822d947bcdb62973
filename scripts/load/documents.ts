/**
 * Reading one file into a validated document: bytes → text → frontmatter → YAML → schema.
 * Every problem on the way is a finding; nothing here throws on bad input.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { splitFrontmatter } from './frontmatter.ts';
import type { RuleFinding } from './rule-finding.ts';
import { checkAgainstSchema, type SchemaName, type SchemaTypes } from './schema-validation.ts';
import { decodeSource, MAX_FILE_BYTES, tooLarge } from './source-text.ts';
import { CONFIG_YAML_LIMITS, parseYaml, TICKET_YAML_LIMITS } from './yaml.ts';

/** A document that conforms to its schema, its data typed by the schema (`ParsedDocument<Ticket>`). */
export interface ParsedDocument<T> {
  data: T;
  body: string;
  bodyLine: number;
}

export interface DocumentResult<T> {
  /** The document when it could be parsed and conforms to its schema. */
  document: ParsedDocument<T> | null;
  /** The parsed data even when it does not conform (for rules that can still run), or null. */
  raw: Record<string, unknown> | null;
  findings: RuleFinding[];
  /** The YAML text (frontmatter), to locate findings in; null when the file could not be split. */
  yaml: string | null;
}

// One buffer per thread, one byte longer than the limit, so a file that fills it is too large.
let readBuffer: Buffer | undefined;

/**
 * Reads a file's bytes, refusing files over the size limit without reading them whole. The
 * returned bytes are only valid until the next call (the buffer is reused).
 */
export function readBoundedFile(absolute: string): Uint8Array | { tooLarge: number } {
  readBuffer ??= Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
  const fd = openSync(absolute, 'r');
  try {
    let read = 0;
    while (read < readBuffer.length) {
      const n = readSync(fd, readBuffer, read, readBuffer.length - read, read);
      read += n;
      // A read that ends off a 4 KB boundary ends the file: a file system that returns short
      // reads before the end (network and FUSE ones may) returns whole pages or blocks. At a
      // boundary, or after nothing, another read asks. This spares most files a second read
      // that returns nothing, a system call in four (about 0.15 s of `sla --no-cache` over
      // 100,000 tickets where system calls are dear).
      if (n === 0 || read % 4096 !== 0) break;
    }
    if (read > MAX_FILE_BYTES) return { tooLarge: fstatSync(fd).size };
    return readBuffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function fileFinding(file: string, code: string, message: string, line = 1, col = 1): RuleFinding {
  return { file, code, severity: 'error', line, col, message };
}

/** Parses a Markdown file with frontmatter (a ticket or a runbook) and validates it. */
export function readMarkdownDocument<S extends SchemaName>(
  absolute: string,
  file: string,
  schema: S,
): DocumentResult<SchemaTypes[S]> {
  const failed = (findings: RuleFinding[]): DocumentResult<SchemaTypes[S]> => ({
    document: null,
    raw: null,
    findings,
    yaml: null,
  });
  let bytes: Uint8Array | { tooLarge: number };
  try {
    bytes = readBoundedFile(absolute);
  } catch (error) {
    return failed([
      fileFinding(file, 'file/unreadable', `cannot read the file: ${(error as Error).message}`),
    ]);
  }
  if (!(bytes instanceof Uint8Array)) {
    const p = tooLarge(bytes.tooLarge);
    return failed([fileFinding(file, p.code, p.message)]);
  }
  return parseMarkdownDocument(bytes, file, schema);
}

export function parseMarkdownDocument<S extends SchemaName>(
  bytes: Uint8Array,
  file: string,
  schema: S,
): DocumentResult<SchemaTypes[S]> {
  const decoded = decodeSource(bytes);
  const findings: RuleFinding[] = decoded.problems.map((p) => ({ file, ...p }));
  if (!decoded.usable) return { document: null, raw: null, findings, yaml: null };
  const split = splitFrontmatter(decoded.text);
  if (!split.ok) {
    findings.push(fileFinding(file, split.code, split.message, split.line));
    return { document: null, raw: null, findings, yaml: null };
  }
  const parsed = parseYamlDocument(file, split.yaml, schema, TICKET_YAML_LIMITS);
  findings.push(...parsed.findings);
  const document = parsed.value ? { data: parsed.value, body: split.body, bodyLine: split.bodyLine } : null;
  return { document, raw: parsed.raw, findings, yaml: split.yaml };
}

/** Parses a YAML file (opsbook.yaml) and validates it. */
export function readYamlDocument<S extends SchemaName>(
  absolute: string,
  file: string,
  schema: S,
): DocumentResult<SchemaTypes[S]> {
  let bytes: Uint8Array | { tooLarge: number };
  try {
    bytes = readBoundedFile(absolute);
  } catch (error) {
    return {
      document: null,
      raw: null,
      findings: [fileFinding(file, 'file/unreadable', `cannot read the file: ${(error as Error).message}`)],
      yaml: null,
    };
  }
  if (!(bytes instanceof Uint8Array)) {
    const p = tooLarge(bytes.tooLarge);
    return { document: null, raw: null, findings: [fileFinding(file, p.code, p.message)], yaml: null };
  }
  const decoded = decodeSource(bytes);
  const findings: RuleFinding[] = decoded.problems.map((p) => ({ file, ...p }));
  if (!decoded.usable) return { document: null, raw: null, findings, yaml: null };
  const parsed = parseYamlDocument(file, decoded.text, schema, CONFIG_YAML_LIMITS);
  findings.push(...parsed.findings);
  const document = parsed.value ? { data: parsed.value, body: '', bodyLine: 1 } : null;
  return { document, raw: parsed.raw, findings, yaml: decoded.text };
}

interface ParsedYaml<T> {
  /** The parsed mapping, conforming or not. */
  raw: Record<string, unknown> | null;
  /** The same mapping when it conforms to the schema. */
  value: T | null;
  findings: RuleFinding[];
}

function parseYamlDocument<S extends SchemaName>(
  file: string,
  yaml: string,
  schema: S,
  limits: typeof TICKET_YAML_LIMITS,
): ParsedYaml<SchemaTypes[S]> {
  const result = parseYaml(yaml, limits);
  if (!result.ok) {
    const e = result.error;
    const finding = fileFinding(file, e.code, e.message, e.line, e.col);
    if (e.excerpt) finding.excerpt = e.excerpt;
    return { raw: null, value: null, findings: [finding] };
  }
  const value = result.value;
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    const what =
      value === null || value === undefined ? 'empty' : Array.isArray(value) ? 'a list' : 'a single value';
    return {
      raw: null,
      value: null,
      findings: [
        fileFinding(file, 'yaml/not-a-mapping', `the YAML is ${what}; expected a mapping of fields`),
      ],
    };
  }
  const data = value as Record<string, unknown>;
  const check = checkAgainstSchema(schema, data);
  if (check.ok) return { raw: data, value: check.value, findings: [] };
  return {
    raw: data,
    value: null,
    findings: check.problems.map((p) => ({
      file,
      code: p.code,
      severity: p.severity,
      message: p.message,
      path: p.path,
      at: p.at,
    })),
  };
}
