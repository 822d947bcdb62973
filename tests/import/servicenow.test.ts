/**
 * `opsbook import servicenow`: the list export and the audit-style export (one row per update)
 * into a repository that validate, sla and report accept; re-imports change nothing or only
 * what the newer export changed; unmappable values are reported with row, line and field.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import {
  changedFiles,
  IMPORT_CONFIG,
  IMPORT_FIXTURES,
  importRepository,
  snapshot,
} from '../helpers/import-repo.ts';

const LIST = join(IMPORT_FIXTURES, 'servicenow-incidents.csv');
const AUDIT = join(IMPORT_FIXTURES, 'servicenow-audit.csv');
const AUDIT_NEWER = join(IMPORT_FIXTURES, 'servicenow-audit-newer.csv');

let repo: { dir: string; cleanup: () => void };
beforeEach(() => {
  repo = importRepository();
});
afterEach(() => repo.cleanup());

const cli = (...args: string[]) => runCli(args, { cwd: repo.dir });

function ticketBySource(sourceId: string): { data: Record<string, unknown>; body: string; file: string } {
  for (const [file, text] of snapshot(repo.dir)) {
    if (!file.startsWith('incidents/') || !text.includes(`id: ${sourceId}\n`)) continue;
    const [, yaml = '', body = ''] = text.split(/^---\n/m);
    return { data: load(yaml) as Record<string, unknown>, body, file };
  }
  throw new Error(`no ticket from ${sourceId}`);
}

describe('ServiceNow list export', () => {
  it('creates valid tickets, reports unmappable rows with row, line and field, and keeps opsbook.yaml as it was written', async () => {
    const result = await cli('import', 'servicenow', LIST);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'skipped INC0010008: servicenow-incidents.csv row 8 (line 10), field state: unknown state "Escalated to Mars"',
    );
    expect(result.stdout).toContain(
      'skipped INC0010010: servicenow-incidents.csv row 10 (line 12), field opened: cannot read the date "14/03/2026 06:00"',
    );
    expect(result.stdout).toContain(
      'skipped INC0010012: servicenow-incidents.csv row 12 (line 14), field priority',
    );
    expect(result.stdout).toMatch(/9 created, 0 updated, 0 unchanged, 3 skipped\n$/);

    const config = readFileSync(join(repo.dir, 'opsbook.yaml'), 'utf8');
    expect(config.startsWith(IMPORT_CONFIG.split('\nservices:')[0] as string)).toBe(true);
    expect(config).toContain(
      '  ops: { name: Operations } # the first team\n  service-desk: { name: "Service Desk" }',
    );
    expect(config).toContain(
      '  # central services\n  mail: { name: E-mail, group: central, owner: ops }\n  remote-access:',
    );
    // E-mail is the name of a service opsbook.yaml has already: that one is used.
    expect(config).not.toContain('e-mail:');

    const validate = await cli('validate');
    expect(validate.stdout + validate.stderr).toContain('no problems');
    expect(validate.code).toBe(0);
    expect((await cli('sla', '--at', '2026-05-01T00:00:00Z')).code).toBe(0);
    expect(
      (await cli('report', '--from', '2026-03-01', '--to', '2026-04-30', '--at', '2026-05-01T00:00:00Z'))
        .code,
    ).toBe(0);
    // And both sites build from it.
    const site = await cli('site', '--at', '2026-05-01T00:00:00Z', '--out', 'out', '--no-history');
    expect(site.code, site.stderr).toBe(0);
  }, 120_000);

  it('maps fields, keeps the origin, and says where a closed incident without resolved_at got it from', async () => {
    await cli('import', 'servicenow', LIST);
    const mail = ticketBySource('INC0010001');
    expect(mail.data).toMatchObject({
      title: 'Mail server unreachable',
      status: 'closed',
      impact: 'high',
      urgency: 'high',
      channel: 'phone',
      team: 'service-desk',
      services: ['mail'],
      reported_at: '2026-03-02T08:55:00+01:00',
      resolved_at: '2026-03-02T11:30:00+01:00',
      closed_at: '2026-03-03T09:00:00+01:00',
      'x-source': { system: 'servicenow', id: 'INC0010001' },
    });
    const printer = ticketBySource('INC0010003');
    expect(printer.data.resolved_at).toBe('2026-03-12T08:00:00+01:00');
    expect(printer.data.closed_at).toBe('2026-03-12T08:00:00+01:00');
    expect(printer.data.timeline).toContainEqual({
      at: '2026-03-12T08:00:00+01:00',
      status: 'resolved',
      note: 'The export has no resolved time; resolved at the closing time.',
    });
    // 5 - Planning is P4 in our terms; low × low is P4 too, so no priority_reason is needed.
    expect(ticketBySource('INC0010007').data).toMatchObject({ status: 'cancelled', impact: 'low' });
    expect(ticketBySource('INC0010005').data.status).toBe('pending');
    const vpn = ticketBySource('INC0010002');
    expect(vpn.data.title).toBe('VPN slow, drops connections, "sometimes"');
    expect(vpn.body).toBe('Line one\nLine two, with a comma\n');
  });

  it('takes the date format, value translations and empty markers of a map', async () => {
    writeFileSync(
      join(repo.dir, 'map.yaml'),
      [
        'dates: { format: "dd/MM/yyyy HH:mm", timezone: Europe/Berlin }',
        'values:',
        '  state: { "Escalated to Mars": pending }',
        '  priority: { "9 - Whenever": P4 }',
        '  service: { "E-mail": mail }',
        'empty: ["NULL", "?"]',
        'defaults: { channel: phone }',
        'url: "https://acme.service-now.com/incident.do?sysparm_query=number={id}"',
      ].join('\n'),
    );
    writeFileSync(
      join(repo.dir, 'export.csv'),
      [
        'number;short_description;state;opened_at;priority;contact_type;business_service;assignment_group',
        'INC1;Mail down;Escalated to Mars;14/03/2026 06:00;9 - Whenever;NULL;E-mail;?',
        'INC2;Mail slow;New;30/03/2026 06:00;2 - High;Email;E-mail;NULL',
      ].join('\r\n'),
    );
    const result = await cli('import', 'servicenow', 'export.csv', '--map', 'map.yaml');
    expect(result.stdout).toMatch(/2 created, 0 updated, 0 unchanged, 0 skipped\n$/);
    expect(ticketBySource('INC1').data).toMatchObject({
      status: 'pending',
      reported_at: '2026-03-14T06:00:00+01:00',
      impact: 'low',
      urgency: 'low',
      channel: 'phone',
      services: ['mail'],
      'x-source': { url: 'https://acme.service-now.com/incident.do?sysparm_query=number=INC1' },
    });
    expect(ticketBySource('INC1').data.team).toBeUndefined();
    // Summer time: the same wall clock is one hour less from UTC.
    expect(ticketBySource('INC2').data).toMatchObject({
      reported_at: '2026-03-30T06:00:00+02:00',
      channel: 'email',
    });
    expect(readFileSync(join(repo.dir, 'opsbook.yaml'), 'utf8')).toBe(IMPORT_CONFIG);
  });

  it('stops before writing anything with --on-error stop, and writes nothing with --dry-run', async () => {
    const before = snapshot(repo.dir);
    const stopped = await cli('import', 'servicenow', LIST, '--on-error', 'stop');
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toMatch(
      /servicenow-incidents\.csv row \d+ \(line \d+\), field \w+: .*nothing was written/,
    );
    expect(changedFiles(before, snapshot(repo.dir))).toEqual([]);

    const dry = await cli('import', 'servicenow', LIST, '--dry-run');
    expect(dry.stdout).toMatch(/9 created, .* \(dry run: nothing written\)\n$/);
    expect(changedFiles(before, snapshot(repo.dir))).toEqual([]);
    expect(existsSync(join(repo.dir, 'incidents'))).toBe(false);
  });
});

describe('ServiceNow audit export (one row per update)', () => {
  it('folds the updates of an incident into one timeline, in the order they were written', async () => {
    const result = await cli('import', 'servicenow', AUDIT);
    expect(result.stdout).toContain(
      'skipped INC0020004: servicenow-audit.csv row 13 (line 14), field state: unknown state "Parked"',
    );
    const statuses = (id: string) =>
      (ticketBySource(id).data.timeline as { at: string; status?: string }[]).map(
        (e) => `${e.at.slice(5, 16)} ${e.status}`,
      );
    // Reopened: resolved, investigating again, resolved; resolved_at is the last resolution.
    expect(statuses('INC0020001')).toEqual([
      '04-01T08:00 new',
      '04-01T08:20 investigating',
      '04-01T10:00 resolved',
      '04-02T09:00 investigating',
      '04-02T15:00 resolved',
    ]);
    expect(ticketBySource('INC0020001').data).toMatchObject({
      status: 'resolved',
      acknowledged_at: '2026-04-01T08:20:00+02:00',
      resolved_at: '2026-04-02T15:00:00+02:00',
    });
    // The update written second stood last in the file.
    expect(statuses('INC0020002')).toEqual([
      '04-03T09:00 new',
      '04-03T09:30 investigating',
      '04-03T12:00 resolved',
    ]);
    // Two updates in the same minute keep the order of their update counter.
    expect(statuses('INC0020003')).toEqual([
      '04-04T10:00 new',
      '04-04T10:05 pending',
      '04-04T10:05 investigating',
    ]);
    expect(ticketBySource('INC0020003').data.status).toBe('investigating');
    expect((await cli('validate')).code).toBe(0);
  });

  it('changes nothing on the same input and only the updated ticket on a newer export', async () => {
    await cli('import', 'servicenow', AUDIT);
    const first = snapshot(repo.dir);
    const again = await cli('import', 'servicenow', AUDIT);
    expect(again.stdout).toMatch(/0 created, 0 updated, 3 unchanged, 1 skipped\n$/);
    expect(changedFiles(first, snapshot(repo.dir))).toEqual([]);

    // A team's own additions to an imported ticket survive the update.
    const vpn = ticketBySource('INC0020003').file;
    const edited = readFileSync(join(repo.dir, vpn), 'utf8').replace(
      'category: software\n',
      'category: software\ncause: expired-certificate\n',
    );
    writeFileSync(join(repo.dir, vpn), edited);
    const before = snapshot(repo.dir);
    copyFileSync(AUDIT_NEWER, join(repo.dir, 'newer.csv'));
    const newer = await cli('import', 'servicenow', 'newer.csv');
    expect(newer.stdout).toContain(`updated ${vpn.slice(15, -3)}  servicenow INC0020003`);
    expect(newer.stdout).toMatch(/0 created, 1 updated, 2 unchanged, 1 skipped\n$/);
    expect(changedFiles(before, snapshot(repo.dir))).toEqual([vpn, 'newer.csv']);
    expect(ticketBySource('INC0020003').data).toMatchObject({
      status: 'resolved',
      resolved_at: '2026-04-04T13:00:00+02:00',
      cause: 'expired-certificate',
    });
    expect((await cli('validate')).code).toBe(0);
  });
});
