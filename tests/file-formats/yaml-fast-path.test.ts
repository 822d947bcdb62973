/**
 * The fast reader for plain block YAML (scripts/load/yaml-block.ts) against js-yaml, which
 * defines what a document means: on every input the fast reader either gives up (undefined) or
 * gives exactly js-yaml's value, keys in the same order; whatever js-yaml refuses, it gives up
 * on. And the frontmatter split's shortcut against gray-matter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { JSON_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/random.ts';
import { splitFrontmatter } from '../../scripts/load/frontmatter.ts';
import { parseYaml, TICKET_YAML_LIMITS } from '../../scripts/load/yaml.ts';
import { parseBlockYaml, resolvePlainScalar } from '../../scripts/load/yaml-block.ts';

type JsYaml = { ok: true; value: unknown } | { ok: false };

function jsYaml(text: string): JsYaml {
  try {
    return { ok: true, value: load(text, { schema: JSON_SCHEMA }) };
  } catch {
    return { ok: false };
  }
}

/** Deep equality that also holds key order and tells -0 from 0. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The property every input must have; returns whether the fast reader took it. */
function agrees(text: string): boolean {
  const fast = parseBlockYaml(text);
  if (fast === undefined) return false;
  const reference = jsYaml(text);
  if (!reference.ok) throw new Error(`js-yaml refuses what the fast reader took:\n${text}`);
  if (!same(fast, reference.value)) {
    throw new Error(
      `different values for:\n${text}\nfast: ${JSON.stringify(fast)}\njs-yaml: ${JSON.stringify(reference.value)}`,
    );
  }
  return true;
}

describe('the fast reader for plain block YAML', () => {
  it('reads the shapes tickets are written in, as js-yaml does', () => {
    const taken = [
      'id: INC-2026-0001\ntitle: Mail is down\n',
      "a: x\nb: \"quoted: value\"\nc: 'it''s'\nd: null\ne: true\nf: false\ng: 12\nh: -1.5e3\n",
      'services:\n  - mail\n  - id: web\n    effect: partial_outage\n',
      'services:\n- mail\n- vpn\nnext: 1\n',
      'timeline:\n  - at: 2026-03-02T09:00:00+01:00\n    status: new\n    note: "Called: twice"\n  - at: 2026-03-02T10:00:00+01:00\n',
      'runbooks: [mail-restore, vpn-reset]\nrelated: []\nmixed: [1, "two", \'three\', true, null]\n',
      '# a comment\na: x # trailing\nb: "y" # after a quote\n\n   \n  # indented comment\nc: C#\n',
      'a:\n  b:\n    c: deep\n  d: e\n',
      'a:\nb: \n',
      'url: https://status.example.org/a?b=c\ntime: 12:30\nplus: +1\nword: -x\n',
      'escapes: "tab\\there \\"q\\" back\\\\slash \\/ \\u00e9"\n',
      'unicode: Störung – 障害 😀\nnbsp: x\u00a0\n',
      'x-custom_field: 1\nkey-with-dash: 2\nCamelCase: 3\n',
      'quoted: ["a, b", \'c]\', "d \\"e\\""]\nspaced: [ a ,b ]\n',
      'a:\n- x\n- y: 1\n  z: 2\nb: end\n',
      'a: 0\nb: -0\nc: 1.\nd: 00\ne: 0x10\nf: .5\ng: 1e3\nh: ~\ni: Null\nj: TRUE\n',
    ];
    for (const text of taken) expect(agrees(text), text).toBe(true);
  });

  it('leaves everything else to js-yaml', () => {
    const left = [
      'a: &anchor x\nb: *anchor\n',
      'a: !custom x\n',
      'a: |\n  literal\n',
      'a: >-\n  folded\n',
      'a: {b: 1}\n',
      'a: [b, [c]]\n',
      'a: "two\n  lines"\n',
      'a: plain\n  continued\n',
      'a: 1\na: 2\n',
      '"quoted key": 1\n',
      'key with space: 1\n',
      '__proto__: {}\n',
      'a:\tb\n',
      'a: x\r\nb: y\r\n',
      '\ufeffa: 1\n',
      'a: "\\x41"\n',
      'a: "\\ud83d\\ude00"\n',
      'a: b: c\n',
      'a: x:\n',
      'a: - x\n',
      'a: -\n',
      '- a\n- b\n',
      '  a: 1\n  b: 2\n',
      'a:\n  - - x\n',
      'a:\n  -\n    b: 1\n',
      'a: 1\n---\nb: 2\n',
      'a: 1\n...\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: "x" y\n',
      'a: [x, ]\n',
      'a: @x\n',
      '? complex\n: key\n',
      'a: x\u0085y\n',
      'a: x\u2028y\n',
      '',
      '# only a comment\n',
    ];
    for (const text of left) {
      expect(parseBlockYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('resolves plain scalars with js-yaml’s own JSON-schema tags', () => {
    for (const source of [
      'null',
      'true',
      'false',
      '12',
      '-0',
      '1.5',
      '1e3',
      '0x10',
      '.inf',
      '2026-01-01',
      'x',
      '',
    ]) {
      expect(
        same(
          resolvePlainScalar(source),
          jsYaml(`a: ${source}\n`).ok
            ? (load(`a: ${source}\n`, { schema: JSON_SCHEMA }) as { a: unknown }).a
            : undefined,
        ),
      ).toBe(true);
    }
  });

  it('agrees with js-yaml on 20,000 generated documents, hostile pieces included', () => {
    const rnd = mulberry32(20261205);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
    const keys = [
      'a',
      'b',
      'id',
      'status',
      'x-case',
      'true',
      'null',
      'A1',
      'constructor',
      'toString',
      '__proto__',
      '1a',
      'a b',
      '"q"',
      '-a',
      'a.b',
    ];
    const scalars = [
      'x',
      'two words',
      'null',
      'true',
      'True',
      '~',
      '1',
      '-1',
      '1.5',
      '1e3',
      '0x10',
      '.inf',
      '-0',
      '2026-01-01',
      '2026-01-01T10:00:00+01:00',
      '"d q"',
      '"e\\"s"',
      '"\\u00e9"',
      '"\\x41"',
      '"\\t"',
      "'s q'",
      "'it''s'",
      "''",
      '""',
      '[a, b]',
      '[]',
      '[1, "x", \'y\']',
      '[a, [b]]',
      '[a,, b]',
      '{a: 1}',
      'x #c',
      'x#c',
      '#c',
      '&a x',
      '*a',
      '!t x',
      '|',
      '>-',
      'a: b',
      'a:',
      '-',
      '- x',
      '-x',
      'C#',
      ':x',
      '?x',
      '"open',
      "'open",
      '"x" y',
      "'x' y",
      'é',
      '😀',
      '\u00a0x',
      'x\u00a0',
      'a\tb',
      '%x',
      '@x',
      '`x',
      'x,y]',
      'http://x',
      'x:y',
      '"a # b"',
      'x ',
      '',
      '[a:b, c]',
      '[a: b]',
      '[x #c, d]',
      '[a{b}]',
      '[x]y',
      '[ a , b ]',
      '[a,b]',
      '["x", y] # c',
      '[x] #c',
      '[x, "y" z]',
      '[-1, -x, - y]',
    ];
    // A third of the documents use only pieces of the plain shape, so that many reach the end.
    const plainKeys = keys.slice(0, 10);
    const plainScalars = scalars.filter((s) => parseBlockYaml(`a: ${s}\n`) !== undefined);
    let clean = false;
    const key = () => pick(clean ? plainKeys : keys);
    const scalar = () => pick(clean ? plainScalars : scalars);
    const indentOf = () => pick([1, 2, 2, 2, 3, 4]);
    const block = (indent: number, depth: number, lines: string[]): void => {
      const entries = 1 + Math.floor(rnd() * 4);
      const pad = ' '.repeat(indent);
      for (let e = 0; e < entries; e++) {
        if (rnd() < 0.08)
          lines.push(pick(['', '   ', `${pad}# comment`, '# comment', `${' '.repeat(indent + 3)}# deep`]));
        const name = key();
        const r = rnd();
        if (depth < 3 && r < 0.15) {
          lines.push(`${pad}${name}:`);
          block(indent + indentOf(), depth + 1, lines);
        } else if (depth < 3 && r < 0.35) {
          lines.push(`${pad}${name}:`);
          const dash = rnd() < 0.25 ? indent : indent + indentOf();
          const items = 1 + Math.floor(rnd() * 3);
          for (let i = 0; i < items; i++) {
            if (rnd() < 0.4) {
              const inner: string[] = [];
              block(dash + 2, depth + 2, inner);
              const first = inner.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
              if (first >= 0)
                inner[first] = `${' '.repeat(dash)}- ${(inner[first] as string).slice(dash + 2)}`;
              lines.push(...inner);
            } else {
              lines.push(`${' '.repeat(dash)}- ${scalar()}`);
            }
          }
        } else {
          lines.push(`${pad}${name}: ${scalar()}`);
        }
      }
    };
    let taken = 0;
    for (let n = 0; n < 20_000; n++) {
      clean = rnd() < 0.35;
      const lines: string[] = [];
      block(0, 0, lines);
      // Now and then a line indented one space more or less than it should be.
      if (rnd() < 0.1 && lines.length > 1) {
        const i = 1 + Math.floor(rnd() * (lines.length - 1));
        lines[i] = rnd() < 0.5 ? ` ${lines[i]}` : (lines[i] as string).replace(/^ /, '');
      }
      const text = `${lines.join('\n')}${rnd() < 0.9 ? '\n' : ''}`;
      if (agrees(text)) taken++;
    }
    // Most generated documents hold a piece the fast reader leaves to js-yaml; enough do not.
    expect(taken).toBeGreaterThan(4_000);
  });

  it('reads every ticket and runbook of the shipped example as js-yaml does', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
      );
    let all = 0;
    let taken = 0;
    for (const file of [...files(join(root, 'incidents')), ...files(join(root, 'runbooks'))]) {
      const split = splitFrontmatter(readFileSync(file, 'utf8'));
      if (!split.ok) continue;
      all++;
      if (agrees(split.yaml)) taken++;
    }
    expect(all).toBeGreaterThan(20);
    // The example writes a few long notes as folded block scalars (`>-`): those go to js-yaml.
    expect(taken / all).toBeGreaterThan(0.5);
  });

  it('keeps js-yaml’s findings: a duplicate key is still reported with its position', () => {
    const result = parseYaml('\nid: INC-2026-0001\nstatus: new\nstatus: resolved\n', TICKET_YAML_LIMITS);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('yaml/duplicate-key');
      expect(result.error.line).toBe(4);
    }
  });

  it('shares keys between documents only where they are the same text', () => {
    // `Aa` and `BB` hash alike (as in Java's String.hashCode); so do `Ab` and `BC`.
    const docs = ['Aa: 1\nBB: 2\n', 'BB: 3\nAa: 4\n', 'BC: x\nAb: y\n', 'Ab: z\nBC:\n  - w\n'];
    for (let round = 0; round < 2; round++) {
      for (const doc of docs) expect(agrees(doc), doc).toBe(true);
    }
    expect(parseBlockYaml('BB: 3\nAa: 4\n')).toEqual({ BB: 3, Aa: 4 });
    expect(Object.keys(parseBlockYaml('Ab: z\nBC:\n  - w\n') ?? {})).toEqual(['Ab', 'BC']);
    // A key that is a prefix of one seen before, and one that goes on after it.
    expect(parseBlockYaml('status: a\nstatu: b\nstatusx: c\n')).toEqual({
      status: 'a',
      statu: 'b',
      statusx: 'c',
    });
  });

  it('gives plain objects whose keys are data, never a prototype', () => {
    const value = parseBlockYaml('constructor: x\ntoString: y\nhasOwnProperty: z\n');
    expect(value).toEqual({ constructor: 'x', toString: 'y', hasOwnProperty: 'z' });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('the frontmatter split', () => {
  it('takes the same YAML text as gray-matter, with and without its shortcut', () => {
    const rnd = mulberry32(7);
    const pieces = [
      '---',
      '--- ',
      '----',
      '---x',
      'a: 1',
      '  b: 2',
      '',
      '# c',
      '...',
      'text ---',
      '\t',
      'x: "---"',
    ];
    for (let n = 0; n < 5_000; n++) {
      const lines = ['---'];
      if (rnd() < 0.2) lines[0] = `---${' '.repeat(1 + Math.floor(rnd() * 2))}`;
      const count = Math.floor(rnd() * 6);
      for (let i = 0; i < count; i++) lines.push(pieces[Math.floor(rnd() * pieces.length)] as string);
      lines.push('---', 'body');
      const text = lines.join('\n');
      const split = splitFrontmatter(text);
      if (!split.ok) continue;
      const headEnd = text.length - split.body.length;
      const reference = matter(text.slice(0, headEnd), {
        language: 'yaml',
        engines: { yaml: { parse: () => ({}), stringify: () => '' } },
      }).matter;
      expect(split.yaml, JSON.stringify(text)).toBe(reference);
    }
  });
});
