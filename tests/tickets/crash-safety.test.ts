/**
 * Writers interrupted at each of their file operations (OPSBOOK_TEST_INTERRUPT_AFTER=N stops a
 * command after N operations, as a crash would): the next run completes or rolls back, and the
 * repository then validates with no duplicate ID, no lost byte and no stray file.
 */
import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const CONFIG = configYaml({
  name: 'Crash IT',
  services: '\n  mail: { name: E-mail, group: central, owner: ops, public: false }',
  sla: '\n  policies:\n    std: { calendar: mon-fri, targets: { P1: { response: 1h, resolution: 8h } } }\n  default: std',
});

const ticket = (id: string, extra = '') => `---
id: ${id}
title: Mail down (${id})
kind: incident
status: new
impact: high
urgency: high
services: [mail]
reported_at: 2026-11-23T09:00:00+01:00
${extra}timeline:
  - at: 2026-11-23T09:00:00+01:00
    status: new
---
Seen in ${id}.
`;

const FILES = {
  'incidents/2026/INC-2026-0001.md': ticket('INC-2026-0001'),
  'incidents/2026/INC-2026-0002.md': ticket('INC-2026-0002', 'duplicate_of: INC-2026-0001\n'),
  'incidents/2026/INC-2026-0003.md': ticket('INC-2026-0003', 'related: [INC-2026-0001, INC-2026-0002]\n'),
  'runbooks/mail/restore.md': `---
id: restore
title: Restore mail
services: [mail]
scenario: As in INC-2026-0001.
owner: ops
last_reviewed: 2026-11-01
review_every: 180d
audience: internal
---
## Steps

1. Read INC-2026-0001 first.
`,
};

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name === '.opsbook-cache') continue;
      if (entry.isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return out;
}

describe('crash safety of the writers', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  const repo = () => {
    const r = tempRepository('crash', CONFIG, FILES);
    cleanups.push(r.cleanup);
    return r;
  };

  it('renumber: every interruption is completed by the next writing command', async () => {
    const reference = repo();
    const clean = await runCli(['renumber', 'INC-2026-0001', 'INC-2026-0009'], { cwd: reference.dir });
    expect(clean.code).toBe(0);
    const expected = snapshot(reference.dir);
    expect(expected['incidents/2026/INC-2026-0009.md']).toContain('id: INC-2026-0009\n');
    expect(expected['runbooks/mail/restore.md']).toContain('1. Read INC-2026-0009 first.');

    // The journal (staging), 4 staged writes, the journal (committed), 1 deletion, 4 renames,
    // the journal's removal.
    for (let k = 0; k < 12; k++) {
      const r = repo();
      const env = { OPSBOOK_TEST_INTERRUPT_AFTER: String(k) };
      const broken = await runCli(['renumber', 'INC-2026-0001', 'INC-2026-0009'], { cwd: r.dir, env });
      expect(broken.code, `interrupted after ${k}`).toBe(2);
      const between = await runCli(['validate', '--format', 'json', '--no-cache'], { cwd: r.dir });
      const codes = (JSON.parse(between.stdout) as { findings: { code: string }[] }).findings.map(
        (f) => f.code,
      );
      // Either nothing happened yet, or the journal says the change is under way.
      expect(
        codes.filter((c) => c !== 'repo/unfinished-change').every((c) => c !== 'id/duplicate'),
        `after ${k}`,
      ).toBe(true);
      const again = await runCli(['renumber', 'INC-2026-0001', 'INC-2026-0009'], { cwd: r.dir });
      expect([0, 2]).toContain(again.code);
      expect(snapshot(r.dir), `interrupted after ${k}`).toEqual(expected);
      const check = await runCli(['validate', '--no-cache'], { cwd: r.dir });
      expect(check.code, check.stdout).toBe(0);
    }
  });

  it('update: an interrupted write leaves the ticket as it was, and the next run after the stale lock writes it', async () => {
    const reference = repo();
    const args = [
      'update',
      'INC-2026-0003',
      '--status',
      'investigating',
      '--at',
      '2026-11-23T09:30:00+01:00',
    ];
    expect((await runCli(args, { cwd: reference.dir })).code).toBe(0);
    const expected = snapshot(reference.dir);
    for (let k = 0; k < 2; k++) {
      const r = repo();
      const before = snapshot(r.dir);
      const broken = await runCli(args, { cwd: r.dir, env: { OPSBOOK_TEST_INTERRUPT_AFTER: String(k) } });
      expect(broken.code).toBe(2);
      const lock = join(r.dir, 'incidents/2026/INC-2026-0003.md.lock');
      const { [`incidents/2026/INC-2026-0003.md.lock`]: _lock, ...rest } = snapshot(r.dir);
      expect(rest).toEqual(before);
      // A lock younger than a minute may belong to a writer still at work: refused.
      expect((await runCli(args, { cwd: r.dir })).stderr).toContain(
        'is being changed by another opsbook command',
      );
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(lock, old, old);
      expect((await runCli(args, { cwd: r.dir })).code).toBe(0);
      expect(snapshot(r.dir)).toEqual(expected);
    }
  });
});
