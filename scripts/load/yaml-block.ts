/**
 * A fast path for the YAML that tickets are written in: block mappings and block sequences of
 * one-line scalars (plain, single- or double-quoted) and one-line flow sequences of them
 * (`[a, b]`), with full-line and trailing comments.
 * `opsbook update`, `new`, the importers and people write that shape; js-yaml builds the same
 * value about five times slower, which is most of the time `sla` and `report` take over 100,000
 * files.
 *
 * js-yaml stays the definition. This reader answers `undefined` for anything outside the shape
 * (flow mappings, nested flow collections, anchors, aliases, tags, block scalars, multi-line scalars, unusual
 * escapes, keys that are not plain words, duplicate keys, tabs, carriage returns, control
 * characters, a byte order mark) and the caller then parses with js-yaml, which also gives
 * every error its message and position. Plain scalars are resolved by js-yaml's own JSON-schema
 * tags, so `null`, `true`, numbers and dates mean here exactly what they mean there. The tests
 * compare both readers on every shape listed above and on generated and hostile documents.
 */
import { JSON_SCHEMA, NOT_RESOLVED, type ScalarTagDefinition } from 'js-yaml';

/** Anything but a line feed, printable ASCII and printable non-ASCII (valid surrogate pairs included). */
const UNUSUAL_CHARACTER =
  /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;
/**
 * Where the colon of a plain key (a letter, then letters, digits, `_` and `-`) stands when the
 * text from `start` begins with one followed by a space or the end (`end`); -1 otherwise.
 */
function keyEnd(text: string, start: number, end: number): number {
  let c = text.charCodeAt(start);
  if ((c | 32) < 97 || (c | 32) > 122) return -1;
  let hash = c;
  for (let i = start + 1; i < end; i++) {
    c = text.charCodeAt(i);
    if (c === 58) {
      keyHash = (hash * 31 + i - start) | 0;
      return i + 1 === end || text.charCodeAt(i + 1) === 32 ? i : -1;
    }
    const lower = c | 32;
    if (!((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return -1;
    hash = (hash * 31 + c) | 0;
  }
  return -1;
}

/** A hash of the characters and length of the key keyEnd last found. */
let keyHash = 0;
/**
 * Keys seen before, by keyHash: a document's keys are the same few dozen words in every file,
 * and taking the string kept from an earlier file spares cutting out and internalising a new
 * one for each. Bounded, so odd keys cannot grow it without end.
 */
const seenKeys = new Map<number, string>();
const SEEN_KEYS_MAX = 4096;

/** The key from `start` to `colon` (keyEnd just found it), shared with earlier documents where possible. */
function keyAt(text: string, start: number, colon: number): string {
  const seen = seenKeys.get(keyHash);
  if (seen !== undefined && seen.length === colon - start && text.startsWith(seen, start)) return seen;
  const key = text.slice(start, colon);
  if (seen === undefined && seenKeys.size < SEEN_KEYS_MAX) seenKeys.set(keyHash, key);
  return key;
}

/** Characters a plain scalar may not start with here (YAML's indicators, quotes handled apart). */
const INDICATORS = '-?:,[]{}#&*!|>%@`';
/** Deeper than any ticket; deeper documents go to js-yaml, which has its own limit. */
const MAX_DEPTH = 20;

/** The implicit scalar tags of js-yaml's JSON schema, by the code of the first character they can match. */
const implicitTags: ScalarTagDefinition[][] = [];
for (const tag of JSON_SCHEMA.tags) {
  if (tag.nodeKind !== 'scalar' || !tag.implicit) continue;
  // A tag without first characters would have to be tried on every scalar: not in this schema.
  if (!tag.implicitFirstChars) throw new Error(`js-yaml tag ${tag.tagName} matches any first character`);
  for (const first of tag.implicitFirstChars) {
    // '' (the empty scalar) is kept under code 0, which no scalar here starts with.
    const code = first === '' ? 0 : first.charCodeAt(0);
    const list = implicitTags[code] ?? [];
    list.push(tag);
    implicitTags[code] = list;
  }
}

/** The value of a plain scalar, as js-yaml's JSON schema resolves it. */
export function resolvePlainScalar(source: string): unknown {
  const tags = implicitTags[source === '' ? 0 : source.charCodeAt(0)];
  if (tags) {
    for (const tag of tags) {
      const value = tag.resolve(source, false, tag.tagName);
      if (value !== NOT_RESOLVED) return value;
    }
  }
  return source;
}

/** Thrown inside the reader when the text leaves the shape; never escapes this module. */
class Unusual {}
const UNUSUAL = new Unusual();
function unusual(): never {
  throw UNUSUAL;
}

/** The document's mapping, or undefined when the text is not of the plain block shape. */
export function parseBlockYaml(text: string): Record<string, unknown> | undefined {
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  const reader = new BlockReader(text);
  if (reader.atEnd() || reader.indent !== 0) return undefined;
  try {
    const value = reader.mapping(0, 0);
    return reader.atEnd() ? value : undefined;
  } catch (error) {
    if (error === UNUSUAL) return undefined;
    throw error;
  }
}

/**
 * Walks the text line by line without cutting it into lines: the current line is the offsets
 * `start` (its first character after the indentation) and `end` (its newline), and `indent`.
 * Blank lines and full-line comments are skipped.
 */
class BlockReader {
  readonly #text: string;
  /** Where the line after the current one starts. */
  #next = 0;
  indent = 0;
  start = 0;
  end = 0;

  constructor(text: string) {
    this.#text = text;
    this.#advance();
  }

  atEnd(): boolean {
    return this.start > this.#text.length;
  }

  #advance(): void {
    const text = this.#text;
    let from = this.#next;
    while (from <= text.length) {
      let end = text.indexOf('\n', from);
      if (end === -1) end = text.length;
      let start = from;
      while (text.charCodeAt(start) === 32) start++;
      // Blank lines and full-line comments carry nothing.
      if (start < end && text.charCodeAt(start) !== 35) {
        this.indent = start - from;
        this.start = start;
        this.end = end;
        this.#next = end + 1;
        return;
      }
      from = end + 1;
    }
    this.start = text.length + 1;
    this.indent = -1;
  }

  /** The mapping whose keys stand at `indent`, from the current line on. */
  mapping(indent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) unusual();
    const text = this.#text;
    const out: Record<string, unknown> = {};
    let keys = 0;
    while (!this.atEnd()) {
      if (this.indent < indent) break;
      if (this.indent > indent) unusual();
      const start = this.start;
      const end = this.end;
      const colon = keyEnd(text, start, end);
      if (colon === -1) unusual();
      let value = colon + 1;
      while (value < end && text.charCodeAt(value) === 32) value++;
      const key = keyAt(text, start, colon);
      this.#advance();
      out[key] =
        value === end || text.charCodeAt(value) === 35
          ? this.#nested(indent, depth)
          : this.#scalarLine(value, end, indent);
      keys++;
    }
    // A key given twice kept one property: js-yaml refuses duplicate keys, and says where.
    if (Object.keys(out).length !== keys) unusual();
    return out;
  }

  /** The value of a key with nothing after its colon: a block below it, or the empty string. */
  #nested(indent: number, depth: number): unknown {
    if (this.atEnd() || this.indent < indent) return resolvePlainScalar('');
    const item = this.#isItem();
    if (this.indent > indent)
      return item ? this.#sequence(this.indent, depth + 1) : this.mapping(this.indent, depth + 1);
    // A sequence may stand at its key's own indentation.
    return item ? this.#sequence(indent, depth + 1) : resolvePlainScalar('');
  }

  /** The current line is `-` or starts with `- `. */
  #isItem(): boolean {
    const text = this.#text;
    if (text.charCodeAt(this.start) !== 45) return false;
    return this.start + 1 === this.end || text.charCodeAt(this.start + 1) === 32;
  }

  /** The sequence whose dashes stand at `indent`. */
  #sequence(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) unusual();
    const text = this.#text;
    const out: unknown[] = [];
    while (!this.atEnd()) {
      if (this.indent < indent) break;
      if (this.indent > indent) unusual();
      if (!this.#isItem()) break;
      const end = this.end;
      let item = this.start + 1;
      while (item < end && text.charCodeAt(item) === 32) item++;
      // Empty items, items on the next lines and sequences in sequences are left to js-yaml.
      const first = text.charCodeAt(item);
      if (item === end || first === 35) unusual();
      if (first === 45 && (item + 1 === end || text.charCodeAt(item + 1) === 32)) unusual();
      if (keyEnd(text, item, end) !== -1) {
        // A mapping in the sequence: this line is read again as its first key, at the key's column.
        const column = indent + (item - this.start);
        this.indent = column;
        this.start = item;
        out.push(this.mapping(column, depth + 1));
      } else {
        this.#advance();
        out.push(this.#scalarLine(item, end, indent));
      }
    }
    return out;
  }

  /** A scalar that must end on its line: a following line indented deeper would continue it. */
  #scalarLine(start: number, end: number, indent: number): unknown {
    if (!this.atEnd() && this.indent > indent) unusual();
    return scalar(this.#text.slice(start, end));
  }
}

function scalar(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 34) return doubleQuoted(text).value;
  if (first === 39) return singleQuoted(text).value;
  if (first === 91) return flowSequence(text);
  if (INDICATORS.includes(text.charAt(0))) {
    // `-5` and `-x` are plain scalars; `- x` and a lone `-` are not values.
    if (first !== 45 || text.length < 2 || text.charCodeAt(1) === 32) unusual();
  }
  const comment = text.indexOf(' #');
  let end = comment === -1 ? text.length : comment;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  const source = text.slice(0, end);
  // `a: b: c` is a mapping error and `a: b:` another: js-yaml says which.
  if (source.includes(': ') || source.endsWith(':')) unusual();
  return resolvePlainScalar(source);
}

/** Characters that end or nest a plain scalar inside `[...]`, or that are left to js-yaml there. */
const FLOW_SPECIAL = /[[\]{},:#]/;

/** A one-line flow sequence of scalars, `[a, "b", 'c']`. */
function flowSequence(text: string): unknown[] {
  const out: unknown[] = [];
  let i = 1;
  const skipSpaces = () => {
    while (text.charCodeAt(i) === 32) i++;
  };
  skipSpaces();
  if (text.charCodeAt(i) === 93) return closeFlow(text, i, out);
  for (;;) {
    const first = text.charCodeAt(i);
    if (first === 34 || first === 39) {
      const quoted = first === 34 ? doubleQuoted(text.slice(i), false) : singleQuoted(text.slice(i), false);
      out.push(quoted.value);
      i += quoted.length;
    } else {
      let end = i;
      while (end < text.length && text.charCodeAt(end) !== 44 && text.charCodeAt(end) !== 93) end++;
      let last = end;
      while (last > i && text.charCodeAt(last - 1) === 32) last--;
      const source = text.slice(i, last);
      if (source === '' || FLOW_SPECIAL.test(source) || INDICATORS.includes(source.charAt(0))) unusual();
      out.push(resolvePlainScalar(source));
      i = end;
    }
    skipSpaces();
    const c = text.charCodeAt(i);
    if (c === 93) return closeFlow(text, i, out);
    if (c !== 44) unusual();
    i++;
    skipSpaces();
    // A trailing comma, or an empty entry.
    if (text.charCodeAt(i) === 93 || text.charCodeAt(i) === 44) unusual();
  }
}

function closeFlow(text: string, bracket: number, out: unknown[]): unknown[] {
  if (!endsCleanly(text.slice(bracket + 1))) unusual();
  return out;
}

/** After a closing quote: nothing, or spaces, or spaces and a comment. */
function endsCleanly(rest: string): boolean {
  let i = 0;
  while (rest.charCodeAt(i) === 32) i++;
  return i === rest.length || (i > 0 && rest.charCodeAt(i) === 35);
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t' };

/** A quoted scalar at the start of `text`: its value, and how many characters it took. */
interface Quoted {
  value: string;
  length: number;
}

/** `whole`: the scalar is the line's last token (only spaces or a comment may follow). */
function doubleQuoted(text: string, whole = true): Quoted {
  let out = '';
  let start = 1;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      if (whole && !endsCleanly(text.slice(i + 1))) unusual();
      return { value: out + text.slice(start, i), length: i + 1 };
    }
    if (c !== 92) continue;
    out += text.slice(start, i);
    const escaped = text.charAt(i + 1);
    const simple = ESCAPES[escaped];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (escaped === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) {
      const code = Number.parseInt(text.slice(i + 2, i + 6), 16);
      if (code >= 0xd800 && code <= 0xdfff) unusual();
      out += String.fromCharCode(code);
      i += 5;
    } else {
      unusual();
    }
    start = i + 1;
  }
  // Not closed on this line: a multi-line scalar.
  return unusual();
}

function singleQuoted(text: string, whole = true): Quoted {
  let out = '';
  let from = 1;
  for (;;) {
    const quote = text.indexOf("'", from);
    if (quote === -1) unusual();
    if (text.charCodeAt(quote + 1) === 39) {
      out += text.slice(from, quote + 1);
      from = quote + 2;
      continue;
    }
    if (whole && !endsCleanly(text.slice(quote + 1))) unusual();
    return { value: out + text.slice(from, quote), length: quote + 1 };
  }
}
