/**
 * Hostile files for the fuzz suite, generated from valid ones with a seeded generator (the same
 * files on every run and machine): byte flips, truncation, deep nesting, alias cycles and bombs,
 * custom tags, odd encodings, extreme dates, offsets, durations and values.
 */
import { mulberry32 } from '../../bench/random.ts';

export interface FuzzCase {
  /** What was done to the valid file, to find a failing case again. */
  name: string;
  bytes: Uint8Array;
}

type Random = () => number;

const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
const int = (rnd: Random, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
const utf8 = (text: string) => new TextEncoder().encode(text);

export function validTicket(id: string): string {
  return `---
id: ${id}
title: Mail server unreachable
kind: incident
status: resolved
impact: high
urgency: high
services: [mail]
customer: acme
channel: phone
reported_at: 2026-03-02T08:55:00+01:00
acknowledged_at: 2026-03-02T09:10:00+01:00
resolved_at: 2026-03-02T11:30:00+01:00
timeline:
  - at: 2026-03-02T08:55:00+01:00
    status: new
    public: We are investigating.
    note: Customer called.
  - at: 2026-03-02T09:10:00+01:00
    status: investigating
  - at: 2026-03-02T11:30:00+01:00
    status: resolved
    public: Fixed.
review:
  required: true
  due: 2026-03-09
  done: 2026-03-06
  publish: true
actions:
  - title: Monitor the disk
    owner: ops
    due: 2026-04-01
    done: false
---
Description.

## Summary

What happened.
`;
}

export function validRunbook(id: string): string {
  return `---
id: ${id}
title: Restore mail
services: [mail]
scenario: The mail server is gone.
owner: ops
last_reviewed: 2026-01-10
review_every: 180d
last_tested: 2026-02-01
test_every: 365d
rto: 4h
rpo: 24h
audience: public
---
## Steps

1. Restore it.
`;
}

export const VALID_CONFIG = `organization: { name: Fuzz IT, timezone: Europe/Berlin }
teams:
  ops: { name: Operations }
services:
  mail: { name: E-mail, group: central, owner: ops, public: true }
customers:
  acme: { name: ACME, contract: maintenance }
calendars:
  mon-fri:
    timezone: Europe/Berlin
    hours: { mon: ["08:00-17:00"], tue: ["08:00-17:00"], wed: ["08:00-17:00"], thu: ["08:00-17:00"], fri: ["08:00-17:00"] }
    holidays: { country: DE, region: BY, dates: ["2026-12-24"] }
  always: { timezone: UTC, hours: always }
priority:
  matrix:
    high: { high: P1, medium: P2, low: P3 }
    medium: { high: P2, medium: P3, low: P4 }
    low: { high: P3, medium: P4, low: P4 }
sla:
  policies:
    contract:
      calendar: mon-fri
      pause_statuses: [pending]
      at_risk: 0.75
      targets: { P1: { response: 1h, resolution: 8h }, P2: { response: 4h, resolution: 2bd } }
    plain:
      calendar: always
      targets: { P1: { response: 1h, resolution: 4h } }
  assign:
    - when: { customer_contract: maintenance }
      policy: contract
  default: plain
review:
  required_priorities: [P1]
  due_business_days: 5
  calendar: mon-fri
problems:
  recurrence: { min_count: 2, window_days: 90, group_by: [service, cause] }
`;

const EXTREME_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1899-12-31T23:59:59Z',
  '1900-01-01T00:00:00+23:59',
  '2999-12-31T23:59:59-23:59',
  '3000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '2026-02-30T09:00:00+01:00',
  '2026-03-02T09:00:60+01:00',
  '2026-03-02T24:00:00Z',
  '2026-03-02T09:00:00+24:00',
  '2026-03-02T09:00:00+99:99',
  '2026-03-02T09:00:00.123456789+01:00',
  '2026-03-02t09:00:00z',
  '2026-03-02 09:00:00+0100',
  '2026-03-02T09:00:00+01',
  '2026-03-02T09:00:00',
  '2026-03-02',
  '1e309',
  '-0',
  '""',
  '[]',
  '{}',
  '~',
];
const EXTREME_DATES = [
  '0001-01-01',
  '1899-12-31',
  '1900-01-01',
  '2999-12-31',
  '3000-01-01',
  '9999-12-31',
  '2026-02-30',
  '+275760-09-13',
  '20260302',
  'false',
  'true',
];
const EXTREME_DURATIONS = [
  '0d',
  '1d',
  '100000000d',
  '99999999999999999999y',
  '3y',
  '1096d',
  '0m',
  '1e9h',
  '-1d',
  '9999999999w',
];
const EXTREME_TARGETS = [
  '0m',
  '10000000m',
  '10000001m',
  '166667h',
  '999999999h',
  '10000bd',
  '10001bd',
  '999999999bd',
  '1.5h',
];
const ODD_VALUES = [
  'null',
  '[]',
  '{}',
  '1e309',
  '-1',
  '0x10',
  '.nan',
  'true',
  '"__proto__"',
  '{ __proto__: { polluted: 1 } }',
  `"${'x'.repeat(5000)}"`,
  '"\u202Eevil\u2069"',
  '"\u0000"',
  '[[[[[[[[[[1]]]]]]]]]]',
];
const TAGS = [
  '!!js/function "return 1"',
  '!foo bar',
  '!!binary aGVsbG8=',
  '!!timestamp 2026-03-02',
  '!<tag:yaml.org,2002:str> x',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!!python/object:os.system x',
  '!!float 1e309',
  '!!int 99999999999999999999',
];

function flipBytes(rnd: Random, bytes: Uint8Array): { bytes: Uint8Array; name: string } {
  const out = bytes.slice();
  const flips = int(rnd, 1, 8);
  for (let i = 0; i < flips; i++) {
    const at = int(rnd, 0, out.length - 1);
    out[at] = (out[at] as number) ^ (1 << int(rnd, 0, 7));
  }
  return { bytes: out, name: `${flips} byte flips` };
}

function deepNesting(rnd: Random, depth: number): string {
  switch (int(rnd, 0, 3)) {
    case 0:
      return `x-deep: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
    case 1:
      return `x-deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
    case 2:
      return `x-deep:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}a:`).join('\n')} 1\n`;
    default:
      return `x-deep:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}  -`).join('\n')} 1\n`;
  }
}

const CYCLES = [
  'x-a: &a [*a]\n',
  'x-a: &a {b: *a}\n',
  'x-a: &a\n  b:\n    - c: *a\n',
  'x-a: &a [&b [*a, *b]]\n',
  'timeline: &t\n  - at: 2026-03-02T08:55:00+01:00\n    status: new\n    x-self: *t\n',
  'x-a: *nowhere\n',
  'x-a: [*a, &a 1]\n',
  'x-a: &a 1\nx-b: &a [*a]\nx-c: *a\n',
];

function aliasBomb(rnd: Random): string {
  const width = int(rnd, 2, 12);
  const levels = int(rnd, 2, 9);
  const rows = [`x-l0: &l0 [${Array(width).fill('lol').join(', ')}]`];
  for (let i = 1; i < levels; i++)
    rows.push(
      `x-l${i}: &l${i} [${Array(width)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return `${rows.join('\n')}\n`;
}

function encode(rnd: Random, text: string): { bytes: Uint8Array; name: string } {
  switch (int(rnd, 0, 7)) {
    case 0: {
      const body = Buffer.from(text, 'utf16le');
      return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), body]), name: 'UTF-16 LE with BOM' };
    }
    case 1: {
      const le = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
      return { bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), le]), name: 'UTF-16 BE with BOM' };
    }
    case 2:
      return { bytes: Buffer.from(`\uFEFF${text}`), name: 'UTF-8 BOM' };
    case 3:
      return { bytes: utf8(text.replace(/\n/g, '\r')), name: 'CR line ends' };
    case 4:
      return { bytes: Buffer.from(text, 'latin1'), name: 'Latin-1' };
    case 5: {
      const at = int(rnd, 0, text.length);
      const bad = pick(rnd, [
        [0xc3, 0x28],
        [0xff],
        [0xed, 0xa0, 0x80],
        [0xc0, 0xaf],
        [0xf4, 0x90, 0x80, 0x80],
        [0x00],
      ]);
      return {
        bytes: Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bad), Buffer.from(text.slice(at))]),
        name: `bytes ${bad.map((b) => b.toString(16)).join(' ')} at ${at}`,
      };
    }
    case 6:
      return { bytes: utf8(text.replace(/\n/g, '\r\n')), name: 'CRLF' };
    default:
      return { bytes: utf8(text.replace('Mail', 'M\u0000a\u0007il\u001b[31m')), name: 'control characters' };
  }
}

/** Replaces the value of the first line starting with `key:` (or `  - key:`-style nested keys). */
function replaceValue(text: string, key: string, value: string): string {
  return text.replace(new RegExp(`^(\\s*(?:- )?${key}:)[^\\n]*$`, 'm'), `$1 ${value}`);
}

function insertField(text: string, field: string): string {
  return text.replace(/\n---\n/, `\n${field}---\n`);
}

/** One mutation of a valid Markdown document (ticket or runbook). */
function mutateDocument(
  rnd: Random,
  text: string,
  kind: 'ticket' | 'runbook',
): { bytes: Uint8Array; name: string } {
  const dateKeys =
    kind === 'ticket'
      ? ['reported_at', 'acknowledged_at', 'resolved_at', 'at', 'due', 'done']
      : ['last_reviewed', 'last_tested'];
  const allKeys =
    kind === 'ticket'
      ? [
          'id',
          'title',
          'kind',
          'status',
          'impact',
          'urgency',
          'services',
          'customer',
          'timeline',
          'review',
          'actions',
          'public',
          'note',
          'publish',
          'required',
        ]
      : [
          'id',
          'title',
          'services',
          'scenario',
          'owner',
          'audience',
          'rto',
          'rpo',
          'review_every',
          'test_every',
        ];
  switch (int(rnd, 0, 11)) {
    case 0:
      return flipBytes(rnd, utf8(text));
    case 1: {
      const at = int(rnd, 0, text.length);
      return { bytes: utf8(text.slice(0, at)), name: `truncated at ${at}` };
    }
    case 2: {
      const depth = pick(rnd, [10, 49, 50, 51, 100, 1000, 20000]);
      return { bytes: utf8(insertField(text, deepNesting(rnd, depth))), name: `nesting ${depth}` };
    }
    case 3: {
      const cycle = pick(rnd, CYCLES);
      return { bytes: utf8(insertField(text, cycle)), name: `alias: ${cycle.trim()}` };
    }
    case 4:
      return { bytes: utf8(insertField(text, aliasBomb(rnd))), name: 'alias bomb' };
    case 5: {
      const tag = pick(rnd, TAGS);
      const key = pick(rnd, ['x-tag', 'title', 'status']);
      const out = key === 'x-tag' ? insertField(text, `x-tag: ${tag}\n`) : replaceValue(text, key, tag);
      return { bytes: utf8(out), name: `tag ${tag} on ${key}` };
    }
    case 6:
      return encode(rnd, text);
    case 7: {
      const key = pick(rnd, dateKeys);
      const value =
        kind === 'ticket' && key !== 'due' && key !== 'done'
          ? pick(rnd, EXTREME_INSTANTS)
          : pick(rnd, EXTREME_DATES);
      return { bytes: utf8(replaceValue(text, key, value)), name: `${key}: ${value}` };
    }
    case 8: {
      if (kind === 'runbook') {
        const key = pick(rnd, ['review_every', 'test_every', 'rto', 'rpo']);
        const value = pick(rnd, EXTREME_DURATIONS);
        return { bytes: utf8(replaceValue(text, key, value)), name: `${key}: ${value}` };
      }
      // Every time of the ticket at one extreme instant or offset.
      const value = pick(rnd, EXTREME_INSTANTS);
      return {
        bytes: utf8(text.replace(/2026-03-02T\d\d:\d\d:00\+01:00/g, value)),
        name: `all times ${value}`,
      };
    }
    case 9: {
      const key = pick(rnd, allKeys);
      const value = pick(rnd, ODD_VALUES);
      return { bytes: utf8(replaceValue(text, key, value)), name: `${key}: ${value.slice(0, 30)}` };
    }
    case 10: {
      // Structure: frontmatter markers, duplicate keys, a second document, raw HTML.
      const variants: [string, string][] = [
        ['no closing ---', text.replace(/\n---\n/, '\n')],
        ['duplicate key', insertField(text, 'title: again\n')],
        ['second document', insertField(text, '---\nid: other\n')],
        ['__proto__ key', insertField(text, '__proto__: { polluted: 1 }\nconstructor: x\n')],
        ['raw HTML', `${text}<script>alert(1)</script>\n`],
        ['empty frontmatter', '---\n---\nbody\n'],
        ['only ---', '---\n'],
        ['empty', ''],
        ['list frontmatter', '---\n- a\n- b\n---\n'],
        ['tabs', text.replace(/\n {2}/g, '\n\t')],
      ];
      const [name, out] = pick(rnd, variants);
      return { bytes: utf8(out), name };
    }
    default: {
      if (kind === 'runbook') return flipBytes(rnd, utf8(text));
      // A long, shuffled timeline with random statuses and times.
      const statuses = [
        'new',
        'triaged',
        'investigating',
        'pending',
        'monitoring',
        'resolved',
        'closed',
        'cancelled',
        'scheduled',
        'bogus',
      ];
      const entries = Array.from({ length: int(rnd, 1, 300) }, () => {
        const day = int(rnd, 1, 28).toString().padStart(2, '0');
        const hour = int(rnd, 0, 23).toString().padStart(2, '0');
        return `  - at: 2026-03-${day}T${hour}:00:00${pick(rnd, ['Z', '+01:00', '-23:59', '+14:00'])}\n    status: ${pick(rnd, statuses)}\n`;
      });
      const out = text.replace(
        /timeline:\n(?: {2}-[^\n]*\n(?: {4}[^\n]*\n)*)+/,
        `timeline:\n${entries.join('')}`,
      );
      return {
        bytes: utf8(replaceValue(out, 'status', pick(rnd, statuses))),
        name: `${entries.length} timeline entries`,
      };
    }
  }
}

export function ticketCases(
  seed: number,
  count: number,
  firstNumber: number,
): (FuzzCase & { file: string })[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const id = `INC-2026-${String(firstNumber + i).padStart(4, '0')}`;
    const mutated = mutateDocument(rnd, validTicket(id), 'ticket');
    return { file: `incidents/2026/${id}.md`, name: `${id}: ${mutated.name}`, bytes: mutated.bytes };
  });
}

export function runbookCases(
  seed: number,
  count: number,
  firstNumber: number,
): (FuzzCase & { file: string })[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const id = `restore-${firstNumber + i}`;
    const mutated = mutateDocument(rnd, validRunbook(id), 'runbook');
    return { file: `runbooks/mail/${id}.md`, name: `${id}: ${mutated.name}`, bytes: mutated.bytes };
  });
}

/** Mutations of opsbook.yaml: one per repository. */
export function configCases(seed: number, count: number): FuzzCase[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const text = VALID_CONFIG;
    switch (int(rnd, 0, 7)) {
      case 0:
        return { ...flipBytes(rnd, utf8(text)) };
      case 1: {
        const at = int(rnd, 0, text.length);
        return { bytes: utf8(text.slice(0, at)), name: `truncated at ${at}` };
      }
      case 2: {
        const date = pick(rnd, EXTREME_DATES);
        return { bytes: utf8(text.replace('"2026-12-24"', `"${date}"`)), name: `holiday ${date}` };
      }
      case 3: {
        const target = pick(rnd, EXTREME_TARGETS);
        return {
          bytes: utf8(text.replace('resolution: 8h', `resolution: ${target}`)),
          name: `target ${target}`,
        };
      }
      case 4: {
        const zone = pick(rnd, [
          'Mars/Olympus',
          'UTC+99',
          'Etc/GMT-14',
          'Pacific/Kiritimati',
          'America/St_Johns',
          '',
          '../../etc/passwd',
        ]);
        return {
          bytes: utf8(text.replace('timezone: Europe/Berlin\n', `timezone: "${zone}"\n`)),
          name: `calendar zone ${zone}`,
        };
      }
      case 5: {
        const hours = pick(rnd, [
          '["24:00-24:00"]',
          '["00:00-24:00"]',
          '["17:00-08:00"]',
          '["08:00-12:00", "11:00-13:00"]',
          '[]',
          '"always"',
          '["99:99-99:99"]',
        ]);
        return { bytes: utf8(text.replace('mon: ["08:00-17:00"]', `mon: ${hours}`)), name: `hours ${hours}` };
      }
      case 6: {
        const [name, replaced] = pick(rnd, [
          ['due_business_days huge', text.replace('due_business_days: 5', 'due_business_days: 100000000')],
          ['at_risk 0', text.replace('at_risk: 0.75', 'at_risk: 0')],
          ['window_days huge', text.replace('window_days: 90', 'window_days: 99999999')],
          ['holiday country XX', text.replace('country: DE', 'country: XX')],
          ['organisation zone bogus', text.replace('timezone: Europe/Berlin }', 'timezone: Nowhere/Land }')],
        ] as [string, string][]);
        return { bytes: utf8(replaced), name };
      }
      default: {
        const cycle = pick(rnd, CYCLES);
        return { bytes: utf8(`${text}${cycle}`), name: `alias: ${cycle.trim()}` };
      }
    }
  });
}
