/**
 * The one YAML path: js-yaml with its JSON-compatible schema (dates stay strings, no custom
 * tags), duplicate keys refused, aliases bounded, and source positions recovered on demand
 * from js-yaml's event stream. Documents of the plain block shape take a faster reader that
 * gives the same values (yaml-block.ts).
 */
import {
  EVENT_ALIAS,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  type Event,
  getScalarValue,
  JSON_SCHEMA,
  load,
  parseEvents,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_SINGLE_QUOTED,
  YAMLException,
} from 'js-yaml';
import { lineColAt } from './source-text.ts';
import { checkAliases } from './yaml-aliases.ts';
import { parseBlockYaml } from './yaml-block.ts';

/** Path of a value inside a document: keys and array indexes. */
export type DocPath = ReadonlyArray<string | number>;

export interface YamlError {
  code: string;
  message: string;
  /** The offending line with the one before it and a marker under the column, like a compiler. */
  excerpt?: string[];
  /** 1-based, relative to the parsed text. */
  line: number;
  col: number;
}

export type YamlResult = { ok: true; value: unknown } | { ok: false; error: YamlError };

export interface YamlLimits {
  /** Alias nodes (`*name`) allowed in one document. */
  maxAliases: number;
  /** Nodes the document may have once aliases are expanded (guards against alias bombs). */
  maxExpandedNodes: number;
}

export const TICKET_YAML_LIMITS: YamlLimits = { maxAliases: 100, maxExpandedNodes: 20_000 };
export const CONFIG_YAML_LIMITS: YamlLimits = { maxAliases: 1_000, maxExpandedNodes: 200_000 };

const MAX_DEPTH = 50;

export function parseYaml(text: string, limits: YamlLimits): YamlResult {
  // The plain block shape of tickets is read by a faster reader that leaves everything else,
  // aliases included, to js-yaml below (yaml-block.ts).
  const plain = parseBlockYaml(text);
  if (plain !== undefined) return { ok: true, value: plain };
  // Aliases are checked on the event stream before js-yaml builds anything: it would build a
  // cycle (`&a [*a]`) into a self-referencing value that no later step could walk.
  if (text.includes('*')) {
    let events: Event[] | null = null;
    try {
      events = parseEvents(text, { maxDepth: MAX_DEPTH });
    } catch {
      // A syntax error: `load` below reports it with its position.
    }
    const problem = events && checkAliases(text, events, { ...limits, maxDepth: MAX_DEPTH });
    if (problem) {
      const { line, col } = lineColAt(text, problem.offset);
      return { ok: false, error: { code: problem.code, message: problem.message, line, col } };
    }
  }
  try {
    return {
      ok: true,
      value: load(text, { schema: JSON_SCHEMA, maxAliases: limits.maxAliases, maxDepth: MAX_DEPTH }),
    };
  } catch (error) {
    return { ok: false, error: yamlErrorFrom(error, text) };
  }
}

function yamlErrorFrom(error: unknown, text: string): YamlError {
  if (error instanceof YAMLException) {
    const reason = error.reason || 'invalid YAML';
    const mark = error.mark;
    const { line, col } =
      mark && typeof mark.line === 'number'
        ? { line: mark.line + 1, col: (mark.column ?? 0) + 1 }
        : lineColAt(text, typeof mark?.position === 'number' ? mark.position : 0);
    return { code: yamlCode(reason), message: reason, line, col, excerpt: codeFrame(text, line, col) };
  }
  // js-yaml documents that other exceptions may escape (e.g. a RangeError on deep nesting).
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'yaml/syntax', message: `YAML could not be read: ${message}`, line: 1, col: 1 };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: shown as "?" so a file cannot steer the terminal
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Lines `line - 1` and `line` of the text with their numbers, and a `^` under `col` (tabs shown
 * as one space, control characters as "?", so the marker stays in place and the terminal safe).
 */
export function codeFrame(text: string, line: number, col: number): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const width = String(line).length;
  const show = (n: number) =>
    (lines[n - 1] ?? '').replace(/\t/g, ' ').replace(UNPRINTABLE, '?').slice(0, 200);
  const frame: string[] = [];
  if (line > 1) frame.push(`  ${String(line - 1).padStart(width)} | ${show(line - 1)}`);
  frame.push(`> ${String(line).padStart(width)} | ${show(line)}`);
  frame.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.min(Math.max(col - 1, 0), 200))}^`);
  return frame;
}

function yamlCode(reason: string): string {
  if (reason.includes('duplicated mapping key')) return 'yaml/duplicate-key';
  if (reason.includes('tab characters')) return 'yaml/tab-indent';
  if (reason.includes('unidentified alias')) return 'yaml/unknown-alias';
  if (reason.includes('maxAliases') || reason.includes('alias')) return 'yaml/alias-limit';
  if (reason.includes('depth')) return 'yaml/too-deep';
  if (reason.includes('tag')) return 'yaml/tag';
  return 'yaml/syntax';
}

export interface NodeLocation {
  /** Offset of the key of the deepest node found (for mapping members). */
  keyOffset: number | null;
  /** Offset where the value starts. */
  valueOffset: number;
  /** True when the whole path was found. */
  exact: boolean;
}

/**
 * Finds where a path's key and value start in the YAML text. When the path does not exist
 * (a missing field), returns the deepest existing ancestor.
 */
export function locateInYaml(text: string, path: DocPath): NodeLocation | null {
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return null;
  }
  // events[0] is the document; events[1] the root node.
  if (events.length < 2) return null;
  let index = 1;
  let location: NodeLocation = {
    keyOffset: null,
    valueOffset: nodeStart(events[index] as Event),
    exact: true,
  };
  for (const step of path) {
    const node = events[index] as Event;
    let found = -1;
    let keyOffset: number | null = null;
    if (node.type === EVENT_MAPPING && typeof step === 'string') {
      let i = index + 1;
      while (i < events.length && (events[i] as Event).type !== EVENT_POP) {
        const keyEvent = events[i] as Event;
        const valueIndex = skipNode(events, i);
        if (keyEvent.type === EVENT_SCALAR && getScalarValue(text, keyEvent) === step) {
          found = valueIndex;
          keyOffset = nodeStart(keyEvent);
          break;
        }
        i = skipNode(events, valueIndex);
      }
    } else if (node.type === EVENT_SEQUENCE && typeof step === 'number') {
      let i = index + 1;
      let n = 0;
      while (i < events.length && (events[i] as Event).type !== EVENT_POP) {
        if (n === step) {
          found = i;
          break;
        }
        i = skipNode(events, i);
        n++;
      }
    }
    if (found === -1) return { ...location, exact: false };
    index = found;
    location = { keyOffset, valueOffset: nodeStart(events[index] as Event), exact: true };
  }
  return location;
}

function nodeStart(event: Event): number {
  switch (event.type) {
    case EVENT_MAPPING:
    case EVENT_SEQUENCE:
      return minNonNegative(event.anchorStart, event.tagStart, event.start);
    case EVENT_SCALAR:
      // A quoted scalar's value starts after its opening quote.
      return minNonNegative(
        event.anchorStart,
        event.tagStart,
        event.style === SCALAR_STYLE_SINGLE_QUOTED || event.style === SCALAR_STYLE_DOUBLE_QUOTED
          ? event.valueStart - 1
          : event.valueStart,
      );
    case EVENT_ALIAS:
      return Math.max(0, event.anchorStart - 1);
    default:
      return 0;
  }
}

function minNonNegative(...values: number[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const v of values) if (v >= 0 && v < best) best = v;
  return best === Number.POSITIVE_INFINITY ? 0 : best;
}

/** Index of the event after the node that starts at `index`. */
function skipNode(events: Event[], index: number): number {
  const event = events[index] as Event;
  if (event.type !== EVENT_MAPPING && event.type !== EVENT_SEQUENCE) return index + 1;
  let depth = 0;
  for (let i = index; i < events.length; i++) {
    const type = (events[i] as Event).type;
    if (type === EVENT_MAPPING || type === EVENT_SEQUENCE) depth++;
    else if (type === EVENT_POP) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return events.length;
}
