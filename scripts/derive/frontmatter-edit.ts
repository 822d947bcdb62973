/**
 * Small, exact edits of a ticket file's YAML frontmatter as text: set a top-level scalar, remove
 * a top-level key, append an item to a top-level block sequence, set the effect of one entry of
 * `services`. Every byte outside the edited values stays as it was: comments, key order, unknown
 * fields, quoting of other values, the body, a byte order mark and the line ends.
 *
 * Positions come from js-yaml's event stream (the one YAML path); the edits are plain splices
 * of the text, applied back to front.
 */
import {
  COLLECTION_STYLE_BLOCK,
  EVENT_ALIAS,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  type Event,
  getScalarValue,
  JSON_SCHEMA,
  parseEvents,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_PLAIN,
  SCALAR_STYLE_SINGLE_QUOTED,
  type ScalarEvent,
  dump as yamlDump,
} from 'js-yaml';
import { lineEnding } from './review-edit.ts';

/** A node of the frontmatter with its source range (offsets into the whole file text). */
type YamlNode =
  | { kind: 'scalar'; start: number; end: number; value: string; single: boolean; empty: boolean }
  | {
      kind: 'map';
      start: number;
      flow: boolean;
      pairs: { key: YamlNode & { kind: 'scalar' }; value: YamlNode }[];
    }
  | { kind: 'seq'; start: number; flow: boolean; items: YamlNode[] }
  | { kind: 'other'; start: number };

export class FrontmatterEditError extends Error {}

interface Splice {
  start: number;
  end: number;
  text: string;
  /** Order of the request: of two insertions at one place, the earlier comes first. */
  seq?: number;
}

/** A ticket file's text opened for editing. */
export class FrontmatterEditor {
  private readonly text: string;
  private readonly eol: string;
  /** Offset of the first character of the YAML block and of the closing `---` line. */
  private readonly yamlStart: number;
  private readonly yamlEnd: number;
  private readonly root: YamlNode & { kind: 'map' };
  private readonly splices: Splice[] = [];

  constructor(text: string) {
    this.text = text;
    this.eol = lineEnding(text);
    const opening = /^\uFEFF?---[ \t]*(\r\n|\r|\n)/.exec(text);
    if (!opening) throw new FrontmatterEditError('the file does not start with a `---` line');
    this.yamlStart = opening[0].length;
    this.yamlEnd = -1;
    const lines = /[^\r\n]*(\r\n|\r|\n|$)/g;
    lines.lastIndex = this.yamlStart;
    for (let m = lines.exec(text); m && m[0] !== ''; m = lines.exec(text)) {
      if (/^---[ \t]*(\r\n|\r|\n)?$/.test(m[0])) {
        this.yamlEnd = m.index;
        break;
      }
    }
    if (this.yamlEnd < 0) throw new FrontmatterEditError('the frontmatter is never closed by a `---` line');
    const yaml = text.slice(this.yamlStart, this.yamlEnd);
    let events: Event[];
    try {
      events = parseEvents(yaml, {});
    } catch (error) {
      throw new FrontmatterEditError(`the frontmatter is not valid YAML: ${(error as Error).message}`);
    }
    const tree = buildTree(yaml, events, this.yamlStart);
    if (tree?.kind !== 'map' || tree.flow)
      throw new FrontmatterEditError('the frontmatter is not a block mapping of fields');
    this.root = tree;
  }

  /** The value node of a top-level key, or undefined. */
  private field(
    key: string,
  ): { index: number; key: YamlNode & { kind: 'scalar' }; value: YamlNode } | undefined {
    const index = this.root.pairs.findIndex((p) => p.key.value === key);
    const pair = this.root.pairs[index];
    return pair ? { index, ...pair } : undefined;
  }

  has(key: string): boolean {
    return this.field(key) !== undefined;
  }

  /**
   * Sets a top-level field to a scalar. An existing one-line value is replaced in place (a comment
   * after it stays); a new field goes on its own line after the first of `after` that exists, else
   * before the first of `before` that exists, else at the end of the frontmatter.
   */
  setScalar(key: string, value: string, place: { after?: string[]; before?: string[] } = {}): void {
    const text = scalarText(value);
    const found = this.field(key);
    if (found) {
      const v = found.value;
      if (v.kind === 'scalar' && v.single && !v.empty) {
        this.splices.push({ start: v.start, end: v.end, text });
        return;
      }
      // An empty or multi-line value: the field's lines are written anew.
      const [start, end] = this.fieldLines(found.index);
      this.splices.push({ start, end, text: `${key}: ${text}${this.eol}` });
      return;
    }
    this.insertField(`${key}: ${text}${this.eol}`, place);
  }

  /** Removes a top-level field with its lines (comments and blank lines after it stay). */
  remove(key: string): void {
    const found = this.field(key);
    if (!found) return;
    const [start, end] = this.fieldLines(found.index);
    this.splices.push({ start, end, text: '' });
  }

  /**
   * Appends an item (a mapping) to the top-level sequence `key`, indented like its items; creates
   * the field (after `place`) when it is missing or empty.
   */
  appendToSequence(key: string, item: Record<string, unknown>, place: { after?: string[] } = {}): void {
    const found = this.field(key);
    if (!found) {
      this.insertField(`${key}:${this.eol}${this.blockItem(item, 2)}`, place);
      return;
    }
    const v = found.value;
    if (v.kind === 'seq' && !v.flow && v.items.length > 0) {
      const indent = this.columnOf(v.start);
      const [, end] = this.fieldLines(found.index);
      this.splices.push({ start: end, end, text: this.blockItem(item, indent) });
      return;
    }
    if ((v.kind === 'seq' && v.items.length === 0) || (v.kind === 'scalar' && v.empty)) {
      const [start, end] = this.fieldLines(found.index);
      this.splices.push({ start, end, text: `${key}:${this.eol}${this.blockItem(item, 2)}` });
      return;
    }
    throw new FrontmatterEditError(
      `\`${key}\` is written as a flow sequence ([...]); write it as a block list (one "- " item per line) to add entries`,
    );
  }

  /**
   * Sets the effect of the entry for `service` in the top-level `services` list: a plain id becomes
   * `{ id: …, effect: … }`, an existing effect is replaced, a missing one added beside the id.
   */
  setServiceEffect(service: string, effect: string): void {
    const found = this.field('services');
    const list = found?.value;
    if (list?.kind !== 'seq') throw new FrontmatterEditError('the ticket has no `services` list');
    for (const item of list.items) {
      if (item.kind === 'scalar' && item.value === service) {
        this.splices.push({
          start: item.start,
          end: item.end,
          text: `{ id: ${scalarText(service)}, effect: ${scalarText(effect)} }`,
        });
        return;
      }
      if (item.kind !== 'map') continue;
      const id = item.pairs.find((p) => p.key.value === 'id');
      if (id?.value.kind !== 'scalar' || id.value.value !== service) continue;
      const current = item.pairs.find((p) => p.key.value === 'effect');
      if (current && current.value.kind === 'scalar' && current.value.single && !current.value.empty) {
        this.splices.push({ start: current.value.start, end: current.value.end, text: scalarText(effect) });
      } else if (current) {
        throw new FrontmatterEditError(`the effect of ${service} is not a single value`);
      } else if (item.flow) {
        this.splices.push({
          start: id.value.end,
          end: id.value.end,
          text: `, effect: ${scalarText(effect)}`,
        });
      } else {
        const lineEnd = this.endOfLine(id.value.end);
        const indent = ' '.repeat(this.columnOf(id.key.start));
        this.splices.push({
          start: lineEnd,
          end: lineEnd,
          text: `${indent}effect: ${scalarText(effect)}${this.eol}`,
        });
      }
      return;
    }
    throw new FrontmatterEditError(`the ticket does not name the service "${service}"`);
  }

  /** The file text with every edit applied. */
  result(): string {
    const ordered = this.splices
      .map((s, seq) => ({ ...s, seq }))
      .sort((a, b) => b.start - a.start || b.end - a.end || b.seq - a.seq);
    let out = this.text;
    let limit = Number.POSITIVE_INFINITY;
    for (const s of ordered) {
      if (s.end > limit) throw new FrontmatterEditError('two edits of the same place');
      out = out.slice(0, s.start) + s.text + out.slice(s.end);
      limit = s.start;
    }
    return out;
  }

  private insertField(fieldText: string, place: { after?: string[]; before?: string[] }): void {
    for (const key of place.after ?? []) {
      const found = this.field(key);
      if (found) {
        const [, end] = this.fieldLines(found.index);
        this.splices.push({ start: end, end, text: fieldText });
        return;
      }
    }
    for (const key of place.before ?? []) {
      const found = this.field(key);
      if (found) {
        const start = this.startOfLine(found.key.start);
        this.splices.push({ start, end: start, text: fieldText });
        return;
      }
    }
    // At the end: after the last field's lines, before trailing comments.
    const last = this.root.pairs.length - 1;
    const end = last >= 0 ? (this.fieldLines(last)[1] as number) : this.yamlEnd;
    this.splices.push({ start: end, end, text: fieldText });
  }

  /** `- key: value` lines of a block sequence item at `indent` spaces, in the file's line ends. */
  private blockItem(item: Record<string, unknown>, indent: number): string {
    const dumped = yamlDump([item], { schema: JSON_SCHEMA, lineWidth: -1, noRefs: true });
    const pad = ' '.repeat(indent);
    return dumped
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => (line === '' ? '' : pad + line) + this.eol)
      .join('');
  }

  /**
   * The range of a top-level field's lines: from the start of its key's line to the end of its
   * last line with content (comments at the left margin and blank lines before the next field
   * belong to what follows).
   */
  private fieldLines(index: number): [number, number] {
    const pair = this.root.pairs[index];
    if (!pair) throw new FrontmatterEditError('no such field');
    const start = this.startOfLine(pair.key.start);
    const next = this.root.pairs[index + 1];
    const limit = next ? this.startOfLine(next.key.start) : this.yamlEnd;
    let end = this.endOfLine(pair.key.start);
    let cursor = end;
    while (cursor < limit) {
      const lineEnd = this.endOfLine(cursor);
      const line = this.text.slice(cursor, lineEnd).replace(/[\r\n]+$/, '');
      const content = line.trim() !== '' && !/^#/.test(line);
      if (content) end = lineEnd;
      cursor = lineEnd;
    }
    return [start, end];
  }

  private startOfLine(offset: number): number {
    let i = offset;
    while (i > 0 && this.text[i - 1] !== '\n' && this.text[i - 1] !== '\r') i--;
    return i;
  }

  /** The offset just after the line end of the line holding `offset`. */
  private endOfLine(offset: number): number {
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    if (this.text[i] === '\r' && this.text[i + 1] === '\n') return i + 2;
    return i < this.text.length ? i + 1 : i;
  }

  private columnOf(offset: number): number {
    return offset - this.startOfLine(offset);
  }
}

/** A scalar as YAML text on one line: plain when that reads back as the same string, else quoted. */
export function scalarText(value: string): string {
  const dumped = yamlDump(value, { schema: JSON_SCHEMA, lineWidth: -1, flowLevel: 0 }).replace(/\n$/, '');
  if (!dumped.includes('\n')) return dumped;
  return JSON.stringify(value);
}

function buildTree(yaml: string, events: Event[], base: number): YamlNode | null {
  let i = 1; // events[0] is the document
  const node = (): YamlNode => {
    const e = events[i++] as Event;
    if (e.type === EVENT_SCALAR) return scalarNode(yaml, e, base);
    if (e.type === EVENT_MAPPING) {
      const pairs: { key: YamlNode & { kind: 'scalar' }; value: YamlNode }[] = [];
      while (i < events.length && (events[i] as Event).type !== EVENT_POP) {
        const key = node();
        const value = node();
        if (key.kind === 'scalar') pairs.push({ key, value });
      }
      i++;
      return { kind: 'map', start: base + e.start, flow: e.style !== COLLECTION_STYLE_BLOCK, pairs };
    }
    if (e.type === EVENT_SEQUENCE) {
      const items: YamlNode[] = [];
      while (i < events.length && (events[i] as Event).type !== EVENT_POP) items.push(node());
      i++;
      return { kind: 'seq', start: base + e.start, flow: e.style !== COLLECTION_STYLE_BLOCK, items };
    }
    if (e.type === EVENT_ALIAS) return { kind: 'other', start: base + Math.max(0, e.anchorStart - 1) };
    return { kind: 'other', start: base };
  };
  if (events.length < 2) return null;
  return node();
}

function scalarNode(yaml: string, e: ScalarEvent, base: number): YamlNode & { kind: 'scalar' } {
  if (e.valueStart < 0)
    return { kind: 'scalar', start: base, end: base, value: '', single: true, empty: true };
  const quoted = e.style === SCALAR_STYLE_SINGLE_QUOTED || e.style === SCALAR_STYLE_DOUBLE_QUOTED;
  const start = e.valueStart - (quoted ? 1 : 0);
  const end = e.valueEnd + (quoted ? 1 : 0);
  const raw = yaml.slice(start, end);
  const single = (quoted || e.style === SCALAR_STYLE_PLAIN) && !/[\r\n]/.test(raw);
  return {
    kind: 'scalar',
    start: base + start,
    end: base + end,
    value: getScalarValue(yaml, e),
    single,
    empty: false,
  };
}
