import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../scripts/cli/update.ts';
import { planUpdate } from '../../scripts/derive/ticket-update.ts';
import { replaceIfUnchanged } from '../../scripts/lib/locked-write.ts';
import { runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const CONFIG = configYaml({
  name: 'Update Test IT',
  services:
    '\n  mail: { name: E-mail, group: central, owner: ops }\n  web: { name: Web, group: central, owner: ops }',
  sla: '\n  policies:\n    std:\n      calendar: mon-fri\n      targets:\n        P1: { response: 1h, resolution: 8h }\n  default: std',
});

/** A ticket written by hand: comments, an unknown and an x- field, quoting, a body. */
const HAND_WRITTEN = [
  '---',
  'id: INC-2026-0001',
  '# written by hand during the call',
  'title: "Mail: queue stuck"',
  'kind: incident',
  'status: new # first guess',
  'impact: high',
  'urgency: high',
  'services:',
  '  - mail',
  '  - id: web',
  '    effect: degraded_performance',
  'reported_at: 2026-11-23T09:00:00+01:00',
  'x-ticket-ref: SN-4711',
  'timeline:',
  '  - at: 2026-11-23T09:00:00+01:00',
  '    status: new',
  '    note: Called in.',
  '',
  '# kept after the timeline',
  'category: server',
  '---',
  'The queue stopped at 08:50.',
  '',
].join('\n');

const NOW = Date.parse('2026-11-23T08:41:37Z');

describe('opsbook update and its shortcuts', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function repo(text = HAND_WRITTEN) {
    const r = tempRepository('update', CONFIG, { 'incidents/2026/INC-2026-0001.md': text });
    cleanup = r.cleanup;
    const read = () => readFileSync(join(r.dir, 'incidents/2026/INC-2026-0001.md'), 'utf8');
    const cli = (...args: string[]) => runCli(args, { cwd: r.dir, now: NOW });
    return { ...r, read, cli };
  }

  it('appends one entry and keeps every other byte; the default instant is now, to the minute, in the zone', async () => {
    const r = repo();
    const result = await r.cli(
      'update',
      'INC-2026-0001',
      '--status',
      'identified',
      '--public',
      'Cause found.',
    );
    expect(result.stderr).toContain('INC-2026-0001: new → identified at 2026-11-23T09:41:00+01:00');
    expect(result.code).toBe(0);
    const expected = HAND_WRITTEN.replace('status: new # first guess', 'status: identified # first guess')
      .replace(
        'reported_at: 2026-11-23T09:00:00+01:00\n',
        'reported_at: 2026-11-23T09:00:00+01:00\nacknowledged_at: 2026-11-23T09:41:00+01:00\n',
      )
      .replace(
        '    note: Called in.\n',
        '    note: Called in.\n  - at: 2026-11-23T09:41:00+01:00\n    status: identified\n    public: Cause found.\n',
      );
    expect(r.read()).toBe(expected);
    expect((await r.cli('validate')).code).toBe(0);
  });

  it('keeps CRLF line ends and a byte order mark', async () => {
    const crlf = `\uFEFF${HAND_WRITTEN.replace(/\n/g, '\r\n')}`;
    const r = repo(crlf);
    const result = await r.cli(
      'update',
      'INC-2026-0001',
      '--note',
      'Still stuck',
      '--at',
      '2026-11-23T10:00:00+01:00',
    );
    expect(result.code).toBe(0);
    const text = r.read();
    expect(text.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(text).toBe(
      crlf.replace(
        '    note: Called in.\r\n',
        '    note: Called in.\r\n  - at: 2026-11-23T10:00:00+01:00\r\n    note: Still stuck\r\n',
      ),
    );
  });

  it('walks a whole outage: ack, effect change, resolve, close, reopen, cancel — frontmatter consistent at each step', async () => {
    const r = repo();
    expect((await r.cli('ack', 'INC-2026-0001', '--at', '2026-11-23T09:10:00+01:00')).code).toBe(0);
    let text = r.read();
    expect(text).toContain('status: investigating # first guess');
    expect(text).toContain('acknowledged_at: 2026-11-23T09:10:00+01:00\n');

    const effect = await r.cli(
      'update',
      'INC-2026-0001',
      '--effect',
      'mail=major_outage',
      '--effect',
      'web=operational',
      '--at',
      '2026-11-23T09:20:00+01:00',
    );
    expect(effect.code).toBe(0);
    text = r.read();
    expect(text).toContain('  - { id: mail, effect: major_outage }\n  - id: web\n    effect: operational\n');
    expect(text).toContain(
      "    note: 'Effect: mail none → major_outage, web degraded_performance → operational.'\n",
    );

    expect(
      (
        await r.cli(
          'resolve',
          'INC-2026-0001',
          '--public',
          'Mail flows again.',
          '--at',
          '2026-11-23T11:00:00+01:00',
        )
      ).code,
    ).toBe(0);
    text = r.read();
    expect(text).toContain('status: resolved # first guess');
    expect(text).toMatch(
      /acknowledged_at: 2026-11-23T09:10:00\+01:00\nresolved_at: 2026-11-23T11:00:00\+01:00\n/,
    );

    expect((await r.cli('close', 'INC-2026-0001', '--at', '2026-11-24T09:00:00+01:00')).code).toBe(0);
    expect(r.read()).toMatch(
      /resolved_at: 2026-11-23T11:00:00\+01:00\nclosed_at: 2026-11-24T09:00:00\+01:00\n/,
    );

    const closedEdit = await r.cli(
      'update',
      'INC-2026-0001',
      '--note',
      'late note',
      '--at',
      '2026-11-24T10:00:00+01:00',
    );
    expect(closedEdit.code).toBe(2);
    expect(closedEdit.stderr).toContain(
      'INC-2026-0001 is closed; reopen it first (opsbook reopen INC-2026-0001)',
    );

    expect((await r.cli('reopen', 'INC-2026-0001', '--at', '2026-11-24T10:00:00+01:00')).code).toBe(0);
    text = r.read();
    expect(text).toContain('status: investigating # first guess');
    expect(text).not.toContain('resolved_at');
    expect(text).not.toContain('closed_at');
    expect((await r.cli('validate')).code).toBe(0);

    expect((await r.cli('cancel', 'INC-2026-0001', '--at', '2026-11-24T11:00:00+01:00')).code).toBe(0);
    expect(r.read()).toContain('status: cancelled # first guess');
    expect((await r.cli('validate')).code).toBe(0);
    const sla = await r.cli('sla', '--format', 'json', '--at', '2026-11-25T00:00:00Z');
    expect(JSON.parse(sla.stdout.split('\n').filter(Boolean).join('')).tickets[0].resolution.state).toBe(
      'not-applicable',
    );
  });

  it('starts and completes a maintenance', async () => {
    const mnt = [
      '---',
      'id: MNT-2026-0001',
      'title: Patch the mail server',
      'kind: maintenance',
      'status: scheduled',
      'services: [mail]',
      'reported_at: 2026-11-20T10:00:00+01:00',
      'scheduled_for: 2026-11-23T20:00:00+01:00',
      'scheduled_until: 2026-11-23T22:00:00+01:00',
      'timeline: []',
      '---',
      '',
    ].join('\n');
    const r = tempRepository('update-mnt', CONFIG, { 'incidents/2026/MNT-2026-0001.md': mnt });
    cleanup = r.cleanup;
    const cli = (...args: string[]) => runCli(args, { cwd: r.dir, now: NOW });
    const read = () => readFileSync(join(r.dir, 'incidents/2026/MNT-2026-0001.md'), 'utf8');
    expect(
      (await cli('update', 'MNT-2026-0001', '--status', 'in-progress', '--at', '2026-11-23T20:02:00+01:00'))
        .code,
    ).toBe(0);
    expect(read()).toContain('timeline:\n  - at: 2026-11-23T20:02:00+01:00\n    status: in-progress\n---\n');
    const done = await cli(
      'resolve',
      'MNT-2026-0001',
      '--public',
      'Done.',
      '--at',
      '2026-11-23T21:30:00+01:00',
    );
    expect(done.code).toBe(0);
    expect(read()).toContain('status: completed\n');
    expect(read()).toContain('resolved_at: 2026-11-23T21:30:00+01:00\n');
    expect((await cli('ack', 'MNT-2026-0001')).stderr).toContain('maintenance is not acknowledged');
    expect((await cli('validate')).code).toBe(0);
  });

  it.each([
    [['update', 'INC-2026-0099', '--note', 'x'], 'no ticket INC-2026-0099'],
    [['update', 'not-an-id', '--note', 'x'], '"not-an-id" is not a ticket ID'],
    [
      ['update', 'INC-2026-0001', '--status', 'in-progress'],
      'status "in-progress" is not one for an incident',
    ],
    [['update', 'INC-2026-0001', '--status', 'fixed'], 'status "fixed" is not one for an incident'],
    [
      ['update', 'INC-2026-0001', '--note', 'x', '--at', '2026-11-23T08:59:00+01:00'],
      "is before the ticket's last timeline entry (2026-11-23T09:00:00+01:00)",
    ],
    [
      ['update', 'INC-2026-0001', '--effect', 'erp=major_outage'],
      'does not name the service "erp" (it names: mail, web)',
    ],
    [['update', 'INC-2026-0001', '--effect', 'mail=down'], 'effect "down" for mail is not one of'],
    [['update', 'INC-2026-0001', '--effect', 'mail'], '--effect "mail" must be SERVICE=EFFECT'],
    [['update', 'INC-2026-0001'], 'nothing to record'],
    [['update', 'INC-2026-0001', '--note', 'x', '--at', '2026-11-23T10:00:00'], 'needs a UTC offset'],
    [['resolve', 'INC-2026-0001', '--status', 'new'], '--status is for update, ack and reopen'],
    [['reopen', 'INC-2026-0001'], 'there is nothing to reopen'],
  ])('refuses %j and leaves the file untouched', async (args, message) => {
    const r = repo();
    const result = await r.cli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(r.read()).toBe(HAND_WRITTEN);
  });

  it('refuses while another writer holds the lock, and takes over a stale lock', async () => {
    const r = repo();
    const lock = join(r.dir, 'incidents/2026/INC-2026-0001.md.lock');
    writeFileSync(lock, 'half');
    const locked = await r.cli('update', 'INC-2026-0001', '--note', 'x', '--at', '2026-11-23T10:00:00+01:00');
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain('is being changed by another opsbook command');
    expect(r.read()).toBe(HAND_WRITTEN);
    // A lock left by a writer that died long ago is taken over.
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(lock, old, old);
    expect(
      (await r.cli('update', 'INC-2026-0001', '--note', 'x', '--at', '2026-11-23T10:00:00+01:00')).code,
    ).toBe(0);
    expect(r.read()).toContain('    note: x\n');
  });

  it('does not overwrite a file that another process changed after it was read', () => {
    const r = repo();
    const path = join(r.dir, 'incidents/2026/INC-2026-0001.md');
    const read = readFileSync(path);
    writeFileSync(path, `${HAND_WRITTEN}edited meanwhile\n`);
    expect(() => replaceIfUnchanged(path, 'INC-2026-0001.md', read, 'new content')).toThrow(
      'changed while this command ran',
    );
    expect(readFileSync(path, 'utf8')).toBe(`${HAND_WRITTEN}edited meanwhile\n`);
  });

  it('refuses a file that is not UTF-8 without rewriting it', async () => {
    const r = repo();
    const path = join(r.dir, 'incidents/2026/INC-2026-0001.md');
    const bytes = Buffer.concat([Buffer.from(HAND_WRITTEN), Buffer.from([0xff, 0xfe, 0x0a])]);
    writeFileSync(path, bytes);
    const result = await r.cli('update', 'INC-2026-0001', '--note', 'x');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not valid UTF-8; it is not rewritten');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('adds to a flow-style empty timeline and a missing one, and refuses a non-empty flow list', () => {
    const base = HAND_WRITTEN.split('timeline:')[0] as string;
    const plan = planUpdate(
      {
        id: 'INC-2026-0001',
        kind: 'incident',
        status: 'new',
        reported_at: '2026-11-23T09:00:00+01:00',
        services: ['mail'],
      },
      { action: 'update', note: 'n', effects: [], at: '2026-11-23T10:00:00+01:00' },
    );
    if (!plan.ok) throw new Error(plan.message);
    // Without a timeline, it goes after reported_at.
    expect(applyPlan(`${base}---\nbody\n`, plan.plan)).toBe(
      `${base.replace('x-ticket-ref', 'timeline:\n  - at: 2026-11-23T10:00:00+01:00\n    note: n\nx-ticket-ref')}---\nbody\n`,
    );
    expect(applyPlan(`${base}timeline: []\n---\n`, plan.plan)).toBe(
      `${base}timeline:\n  - at: 2026-11-23T10:00:00+01:00\n    note: n\n---\n`,
    );
    expect(() => applyPlan(`${base}timeline: [{at: 2026-11-23T09:00:00+01:00}]\n---\n`, plan.plan)).toThrow(
      'flow sequence',
    );
  });
});
