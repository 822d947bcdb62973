import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../scripts/load/frontmatter.ts';
import { positionInYaml } from '../../scripts/load/locate.ts';
import { decodeSource } from '../../scripts/load/source-text.ts';
import { CONFIG_YAML_LIMITS, parseYaml, TICKET_YAML_LIMITS } from '../../scripts/load/yaml.ts';

const ticket = `---
id: INC-2026-0001
services:
  - mail
  - id: web
    effect: partial_outage
timeline:
  - at: 2026-03-02T09:00:00+01:00
    status: new
  - { at: 2026-03-02T10:00:00+01:00, note: "quoted: value" }
"quoted key": 1
---
Body
`;

describe('frontmatter and positions', () => {
  const split = splitFrontmatter(ticket);
  if (!split.ok) throw new Error('split failed');

  it('splits frontmatter so YAML line N is file line N, and knows where the body starts', () => {
    expect(split.yaml.split('\n')[1]).toBe('id: INC-2026-0001');
    expect(split.body).toBe('Body\n');
    expect(split.bodyLine).toBe(13);
  });

  it('locates keys and values of nested block and flow nodes', () => {
    const at = (path: (string | number)[], where: 'key' | 'value') =>
      positionInYaml(split.yaml, { path, at: where });
    expect(at(['services', 1, 'effect'], 'key')).toEqual({ line: 6, col: 5 });
    expect(at(['services', 1, 'effect'], 'value')).toEqual({ line: 6, col: 13 });
    expect(at(['services', 0], 'value')).toEqual({ line: 4, col: 5 });
    expect(at(['timeline', 1, 'note'], 'value')).toEqual({ line: 10, col: 44 });
    expect(at(['quoted key'], 'key')).toEqual({ line: 11, col: 1 });
    // A missing field points at its nearest existing parent; the root at the opening line.
    expect(at(['timeline', 0, 'missing'], 'key')).toEqual({ line: 8, col: 5 });
    expect(at([], 'key')).toEqual({ line: 1, col: 1 });
  });
});

describe('YAML safety', () => {
  it('keeps dates, `yes`, `~` and hex as text, as the JSON schema says', () => {
    const result = parseYaml('a: 2026-01-01\nb: yes\nc: 0x10\nd: true\ne: ~\n', TICKET_YAML_LIMITS);
    expect(result).toEqual({ ok: true, value: { a: '2026-01-01', b: 'yes', c: '0x10', d: true, e: '~' } });
  });

  it('refuses custom tags', () => {
    const result = parseYaml("a: !!js/function 'return 1'\n", TICKET_YAML_LIMITS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('yaml/tag');
  });

  it('refuses an alias bomb quickly', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = performance.now();
    const result = parseYaml(`${levels.join('\n')}\n`, CONFIG_YAML_LIMITS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('yaml/alias-limit');
    // 10^9 values if expanded; the check must not expand them (generous bound, not a benchmark).
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses an alias inside the node it names, at the alias, without building the cycle', () => {
    for (const [text, col] of [
      ['x-a: &a [*a]\n', 10],
      ['x-a: &a {b: *a}\n', 13],
    ] as const) {
      const result = parseYaml(`\nid: x\n${text}`, TICKET_YAML_LIMITS);
      expect(result).toMatchObject({ ok: false, error: { code: 'yaml/alias-cycle', line: 3, col } });
    }
    const block = parseYaml('a: &a\n  b:\n    - *a\n', CONFIG_YAML_LIMITS);
    expect(block).toMatchObject({ ok: false, error: { code: 'yaml/alias-cycle', line: 3, col: 7 } });
  });

  it('gives an alias without anchor its own code and its position', () => {
    const result = parseYaml('id: x\nfoo:\n  bar: *nope\n', TICKET_YAML_LIMITS);
    expect(result).toMatchObject({ ok: false, error: { code: 'yaml/unknown-alias', line: 3, col: 8 } });
  });

  it('places too many aliases and alias bombs at the alias that passes the limit', () => {
    const many = parseYaml(`a: &a 1\nb: [${Array(101).fill('*a').join(', ')}]\n`, TICKET_YAML_LIMITS);
    // The 101st alias: "b: [" then 100 times "*a, ".
    expect(many).toMatchObject({ ok: false, error: { code: 'yaml/alias-limit', line: 2, col: 5 + 100 * 4 } });
    const rows = ['a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
    ])
      rows.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    rows.push('e: [*d, *d, *d]');
    // d alone expands to 1 + 10 * (1 + 10 * (1 + 10 * 11)) = 11111 values and a to d to over
    // 12000: the first *d passes 20000.
    const bomb = parseYaml(`${rows.join('\n')}\n`, TICKET_YAML_LIMITS);
    expect(bomb).toMatchObject({ ok: false, error: { code: 'yaml/alias-limit', line: 5, col: 5 } });
    rows.pop();
    expect(parseYaml(`${rows.join('\n')}\n`, TICKET_YAML_LIMITS).ok).toBe(true);
  });

  it('counts the nesting that aliases add', () => {
    const text = `a: &a ${'['.repeat(40)}${']'.repeat(40)}\nb: ${'['.repeat(20)}*a${']'.repeat(20)}\n`;
    expect(parseYaml(text, TICKET_YAML_LIMITS)).toMatchObject({
      ok: false,
      error: { code: 'yaml/too-deep', line: 2, col: 24 },
    });
    // An alias of a scalar or a shallow list is fine.
    expect(parseYaml('a: &a [1]\nb: [*a, *a]\nc: &c 2\nd: *c\n', TICKET_YAML_LIMITS)).toEqual({
      ok: true,
      value: { a: [1], b: [[1], [1]], c: 2, d: 2 },
    });
  });

  it('accepts CRLF with unchanged line numbers and reports bytes that are not UTF-8 by line', () => {
    const crlf = decodeSource(Buffer.from('---\r\nid: x\r\n---\r\n'));
    expect(crlf.text).toBe('---\nid: x\n---\n');
    expect(crlf.problems).toEqual([]);
    const bad = decodeSource(Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
    expect(bad.usable).toBe(false);
    expect(bad.problems[0]).toMatchObject({ code: 'file/encoding', line: 2, col: 4 });
  });
});
