/**
 * `opsbook ingest`: webhook payloads of Alertmanager, Grafana, Uptime Kuma and the generic shape
 * (samples in tests/fixtures/alerts, written from each project's documented format) open
 * incidents, update them, and change nothing when delivered again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import * as yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT, runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository, writeFile } from '../helpers/repo.ts';

const ALERTS = join(FIXTURES, 'alerts');
const fixture = (name: string) => readFileSync(join(ALERTS, name), 'utf8');

const CONFIG = configYaml({
  name: 'Monitored',
  services: [
    '',
    '  mail: { name: E-mail, group: central, owner: ops }',
    '  erp: { name: ERP hosting, group: central, owner: ops }',
    '  vpn: { name: VPN, group: central, owner: ops, public: false }',
    '  website: { name: Web hosting, group: central, owner: ops, public: false }',
  ].join('\n'),
  sla: '\n  policies:\n    std:\n      calendar: mon-fri\n      targets:\n        P1: { response: 1h, resolution: 8h }\n  default: std',
  more: `monitoring:
  rules:
    - match: { alertname: MailQueueStuck }
      service: mail
      effect: { critical: major_outage, warning: degraded_performance }
      impact: high
      urgency: high
      on_resolved: monitoring
    - match: { grafana_folder: Hosting }
      service: erp
      effect: { default: degraded_performance }
      impact: medium
      urgency: medium
      on_resolved: resolved
    - match: { monitor_type: http }
      service: website
      effect: major_outage
      impact: high
      urgency: medium
      on_resolved: resolved
    - match: { alertname: VpnTunnelDown }
      service: vpn
      impact: medium
      urgency: high
`,
});

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function repo(): string {
  const r = tempRepository('ingest', CONFIG);
  cleanups.push(r.cleanup);
  return r.dir;
}

async function ingest(dir: string, source: string, payload: string, name = 'payload.json') {
  writeFile(dir, name, payload);
  return runCli(['ingest', source, name], { cwd: dir });
}

function ticketFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'incidents', '2026')).sort();
  } catch {
    return [];
  }
}

function read(dir: string, id: string): string {
  return readFileSync(join(dir, 'incidents', '2026', `${id}.md`), 'utf8');
}

interface Entry {
  at: string;
  status?: string;
  public?: string;
  note?: string;
  'x-alert'?: string;
}
function frontmatter(dir: string, id: string): Record<string, unknown> & { timeline: Entry[] } {
  const text = read(dir, id);
  return yaml.load(text.split('---')[1] as string, { schema: yaml.JSON_SCHEMA }) as Record<
    string,
    unknown
  > & {
    timeline: Entry[];
  };
}

describe('opsbook ingest alertmanager', () => {
  it('opens one incident per alert; an alert no rule matches is reported and dropped (exit 1)', async () => {
    const dir = repo();
    const r = await ingest(dir, 'alertmanager', fixture('alertmanager-firing.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('incidents/2026/INC-2026-0001.md\n');
    expect(r.stderr).toMatch(
      /c4be52e0a6d3f811 \(BackupJobFailed\) firing: dropped, no monitoring rule matches/,
    );
    expect(ticketFiles(dir)).toEqual(['INC-2026-0001.md']);
    const t = frontmatter(dir, 'INC-2026-0001');
    expect(t).toMatchObject({
      kind: 'incident',
      status: 'new',
      channel: 'monitoring',
      impact: 'high',
      urgency: 'high',
      services: [{ id: 'mail', effect: 'major_outage' }],
      detected_at: '2026-11-23T09:02:45+01:00',
      reported_at: '2026-11-23T09:02:45+01:00',
      'x-alert': { source: 'alertmanager', fingerprint: '1a30ba71cca2921f' },
    });
    // mail is on the status page: a neutral title, the alert's words only in the internal note.
    expect(t.title).toBe('E-mail: outage');
    expect(t.timeline).toHaveLength(1);
    expect(t.timeline[0]?.public).toBeUndefined();
    expect(t.timeline[0]?.note).toContain('3120 messages are waiting');
    expect(t.timeline[0]?.['x-alert']).toBe('firing');
    const valid = await runCli(['validate', '--at', '2026-11-23T12:00:00Z'], { cwd: dir });
    // Valid; the only warning asks a person for the public text that ingest never writes.
    expect(valid.stdout).toMatch(/0 errors, 1 warning/);
    expect(valid.stdout).toMatch(/status-page\/no-public-text/);
  });

  it('firing → resolved (monitoring) → firing again → resolved; each delivery twice changes nothing', async () => {
    const dir = repo();
    const steps = ['alertmanager-firing.json', 'alertmanager-resolved.json', 'alertmanager-refiring.json'];
    for (const step of steps) {
      await ingest(dir, 'alertmanager', fixture(step));
      const before = read(dir, 'INC-2026-0001');
      const again = await ingest(dir, 'alertmanager', fixture(step));
      expect(again.stdout).toBe('');
      expect(again.stderr).toMatch(
        /1a30ba71cca2921f \(MailQueueStuck\) (firing|resolved): already in INC-2026-0001/,
      );
      expect(read(dir, 'INC-2026-0001')).toBe(before);
    }
    expect(ticketFiles(dir)).toEqual(['INC-2026-0001.md']);
    const t = frontmatter(dir, 'INC-2026-0001');
    expect(t.timeline.map((e) => [e.at, e.status, e['x-alert']])).toEqual([
      ['2026-11-23T09:02:45+01:00', 'new', 'firing'],
      ['2026-11-23T09:47:15+01:00', 'monitoring', 'resolved'],
      ['2026-11-23T10:30:00+01:00', 'investigating', 'firing'],
    ]);
    expect(t.status).toBe('investigating');
    expect(t.services).toEqual([{ id: 'mail', effect: 'major_outage' }]);
    expect(t.resolved_at).toBeUndefined();
  });

  it('a resolved alert without an open incident is dropped; a bad payload exits 2 and writes nothing', async () => {
    const dir = repo();
    const r = await ingest(dir, 'alertmanager', fixture('alertmanager-resolved.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no open incident carries its fingerprint/);
    const wrong = await ingest(dir, 'alertmanager', fixture('grafana-firing.json'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/payload.json: not a alertmanager payload: version must be "4"/);
    const broken = await ingest(dir, 'alertmanager', '{"version":"4","alerts":[{"status":"firing"');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/not JSON/);
    expect(broken.stderr).not.toMatch(/at .*\.ts/);
    const late = JSON.parse(fixture('alertmanager-firing.json'));
    late.alerts[0].startsAt = 'yesterday';
    const bad = await ingest(dir, 'alertmanager', JSON.stringify(late));
    expect(bad.stderr).toMatch(/alerts\[0\]\.startsAt "yesterday" is not an RFC 3339 instant/);
    expect(ticketFiles(dir)).toEqual([]);
  });

  it('hostile text: control and bidi characters removed, lengths capped, nothing public', async () => {
    const dir = repo();
    const payload = JSON.parse(fixture('alertmanager-firing.json'));
    const alert = payload.alerts[0];
    alert.labels.alertname = 'MailQueueStuck';
    alert.annotations.summary = 'evil\u202Etxt.exe\u001b[2J\u0007 summary';
    alert.annotations.description = `${'A'.repeat(5000)}\n---\nstatus: resolved\u2028public: pwned`;
    alert.generatorURL = 'javascript:alert(1)\u0000';
    const r = await ingest(dir, 'alertmanager', JSON.stringify(payload));
    expect(r.stdout).toBe('incidents/2026/INC-2026-0001.md\n');
    const text = read(dir, 'INC-2026-0001');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: their absence is the point
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    const t = frontmatter(dir, 'INC-2026-0001');
    const note = t.timeline[0]?.note ?? '';
    expect(note).toContain('Summary: eviltxt.exe[2J summary');
    expect(note.length).toBeLessThan(2600);
    expect(note).toContain('…');
    // The note's text stays one value: no injected field or entry.
    expect(t.status).toBe('new');
    expect(t.timeline).toHaveLength(1);
    expect(t.timeline[0]?.public).toBeUndefined();
    const fp = JSON.parse(fixture('alertmanager-firing.json'));
    fp.alerts[0].fingerprint = '../../etc/passwd';
    const refused = await ingest(dir, 'alertmanager', JSON.stringify(fp));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/alerts\[0\]\.fingerprint must be 1 to 128 letters/);
  });

  it('a rule for a service that does not exist: validate says so, ingest drops its alerts', async () => {
    const r = tempRepository(
      'ingest-unknown',
      CONFIG.replace(
        'match: { alertname: MailQueueStuck }\n      service: mail',
        'match: { alertname: MailQueueStuck }\n      service: mailx',
      ),
    );
    cleanups.push(r.cleanup);
    const v = await runCli(['validate', 'opsbook.yaml'], { cwd: r.dir });
    expect(v.stdout).toMatch(/config\/unknown-service/);
    const out = await ingest(r.dir, 'alertmanager', fixture('alertmanager-firing.json'));
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(
      /MailQueueStuck\) firing: dropped, its rule names the unknown service "mailx"/,
    );
    expect(ticketFiles(r.dir)).toEqual([]);
  });
});

describe('opsbook ingest grafana, uptime-kuma, webhook', () => {
  it('Grafana: the severity picks the effect (default), on_resolved resolved resolves the incident', async () => {
    const dir = repo();
    const r = await ingest(dir, 'grafana', fixture('grafana-firing.json'));
    expect(r.code).toBe(0);
    const t = frontmatter(dir, 'INC-2026-0001');
    expect(t).toMatchObject({
      services: [{ id: 'erp', effect: 'degraded_performance' }],
      impact: 'medium',
      detected_at: '2026-11-23T10:15:00+01:00',
      'x-alert': { source: 'grafana', fingerprint: 'bc97ff14869b13e3' },
      title: 'ERP hosting: degraded performance',
    });
    const resolved = JSON.parse(fixture('grafana-firing.json'));
    resolved.status = 'resolved';
    resolved.state = 'ok';
    resolved.alerts[0].status = 'resolved';
    resolved.alerts[0].endsAt = '2026-11-23T10:40:00+01:00';
    await ingest(dir, 'grafana', JSON.stringify(resolved));
    const done = frontmatter(dir, 'INC-2026-0001');
    expect(done.status).toBe('resolved');
    expect(done.resolved_at).toBe('2026-11-23T10:40:00+01:00');
    // Firing again after the resolution opens a new incident.
    const again = JSON.parse(fixture('grafana-firing.json'));
    again.alerts[0].startsAt = '2026-11-23T11:00:00+01:00';
    const r3 = await ingest(dir, 'grafana', JSON.stringify(again));
    expect(r3.stdout).toBe('incidents/2026/INC-2026-0002.md\n');
  });

  it('Uptime Kuma: down opens, up resolves, pending is skipped; the title of an internal service is the alert', async () => {
    const dir = repo();
    const down = await ingest(dir, 'uptime-kuma', fixture('uptime-kuma-down.json'));
    expect(down.code).toBe(0);
    const t = frontmatter(dir, 'INC-2026-0001');
    expect(t).toMatchObject({
      title: 'Shop www.mueller-gmbh.de is down',
      services: [{ id: 'website', effect: 'major_outage' }],
      detected_at: '2026-11-23T08:58:12+01:00',
      'x-alert': { source: 'uptime-kuma', fingerprint: 'kuma-monitor-7' },
    });
    expect(t.timeline[0]?.note).toContain('ECONNREFUSED');
    const pending = JSON.parse(fixture('uptime-kuma-down.json'));
    pending.heartbeat.status = 2;
    const p = await ingest(dir, 'uptime-kuma', JSON.stringify(pending));
    expect(p.stderr).toMatch(/skipped: monitor "Shop www.mueller-gmbh.de": heartbeat pending/);
    expect(p.stdout).toBe('');
    await ingest(dir, 'uptime-kuma', fixture('uptime-kuma-up.json'));
    const up = frontmatter(dir, 'INC-2026-0001');
    expect(up.status).toBe('resolved');
    expect(up.resolved_at).toBe('2026-11-23T09:21:40+01:00');
    const test = await ingest(
      dir,
      'uptime-kuma',
      '{"heartbeat":null,"monitor":null,"msg":"Uptime Kuma test"}',
    );
    expect(test.code).toBe(0);
    expect(test.stderr).toMatch(/skipped: a message without heartbeat/);
  });

  it('the generic webhook from stdin, valid against schemas/alert-webhook.schema.json', async () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'alert-webhook.schema.json'), 'utf8'));
    const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (
      ajv: Ajv2020,
    ) => void;
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(fixture('webhook-firing.json')))).toBe(true);
    expect(validate({ alerts: [{ fingerprint: 'x', status: 'resolved' }] })).toBe(false);

    const dir = repo();
    const r = await runCli(['ingest', 'webhook', '-'], { cwd: dir, stdin: fixture('webhook-firing.json') });
    expect(r.code).toBe(0);
    const t = frontmatter(dir, 'INC-2026-0001');
    expect(t).toMatchObject({
      title: 'VPN tunnel to the Rosenheim branch is down',
      services: ['vpn'],
      urgency: 'high',
      'x-alert': { source: 'webhook', fingerprint: 'vpn-gw1-tunnel-down' },
    });
  });
});
