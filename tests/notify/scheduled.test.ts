/**
 * `opsbook notify --scheduled`: what happens by the clock. A maintenance window that begins and
 * ends with no status entry, and an SLA clock that becomes at risk and then breached, each
 * reach the channels exactly once on a 15-minute schedule, the SLA only the internal channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { scheduledEvents } from '../../scripts/derive/notify/scheduled-events.ts';
import type { Ticket } from '../../scripts/model/types.ts';
import { runCli } from '../helpers/cli.ts';
import { type HookReceiver, hookReceiver } from '../helpers/notify-receivers.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const CONFIG = configYaml({
  name: 'Clock IT',
  calendars: '\n  always: { timezone: Europe/Berlin, hours: always }',
  sla: '\n  policies:\n    std:\n      calendar: always\n      at_risk: 0.75\n      targets:\n        P1: { response: 1h, resolution: 4h }\n  default: std',
  more: `notifications:
  - { id: ops, kind: slack, url_env: OPS_HOOK, audience: internal }
  - { id: public, kind: slack, url_env: PUBLIC_HOOK, audience: public }
rota:
  ops:
    calendar: always
    shifts: { mon: anna, tue: anna, wed: anna, thu: anna, fri: anna, sat: anna, sun: anna }
people:
  anna: { name: Anna Berg, github: anna-b }
`,
});

const MAINTENANCE = `---
id: MNT-2026-0001
title: Mail server patch
kind: maintenance
status: scheduled
services: [{ id: mail, effect: under_maintenance }]
reported_at: 2026-11-20T10:00:00+01:00
scheduled_for: 2026-11-23T20:00:00+01:00
scheduled_until: 2026-11-23T21:00:00+01:00
timeline:
  - at: 2026-11-20T10:00:00+01:00
    status: scheduled
    public: We will patch the mail server; short interruptions.
---
`;

/** Reported 18:00 Berlin (17:00Z): response due 18:00Z, at risk from 17:45Z. */
const OPEN_P1 = `---
id: INC-2026-0001
title: Mail slow
kind: incident
status: new
impact: high
urgency: high
services: [mail]
reported_at: 2026-11-23T18:00:00+01:00
timeline:
  - at: 2026-11-23T18:00:00+01:00
    status: new
    note: Users report slow mail.
---
`;

describe('opsbook notify --scheduled', () => {
  let receivers: HookReceiver[] = [];
  let cleanup = () => {};
  afterEach(async () => {
    for (const r of receivers) await r.close();
    receivers = [];
    cleanup();
  });

  it('sends each clock event once on a 15-minute schedule, SLA to the internal channel only', async () => {
    const repo = tempRepository('scheduled', CONFIG, {
      'incidents/2026/MNT-2026-0001.md': MAINTENANCE,
      'incidents/2026/INC-2026-0001.md': OPEN_P1,
    });
    cleanup = repo.cleanup;
    const ops = await hookReceiver();
    const pub = await hookReceiver();
    receivers = [ops, pub];
    const env = { OPS_HOOK: ops.url, PUBLIC_HOOK: pub.url, OPSBOOK_NOTIFY_RETRY_MS: '0' };
    const texts = (r: HookReceiver) => r.requests.map((q) => JSON.stringify(q.json));
    // Every 15 minutes from 17:30Z to 21:15Z, as the sla workflow runs (a clock breaches after its due).
    for (
      let ms = Date.parse('2026-11-23T17:30:00Z');
      ms <= Date.parse('2026-11-23T21:15:00Z');
      ms += 900_000
    ) {
      const run = await runCli(
        ['notify', '--scheduled', '--window', '15m', '--at', new Date(ms).toISOString()],
        {
          cwd: repo.dir,
          env,
        },
      );
      expect(run.code, run.stderr).toBe(0);
    }
    const internal = texts(ops);
    const headline = (list: string[], word: string) => list.filter((t) => t.includes(word)).length;
    expect(headline(internal, 'SLA at risk')).toBe(2); // response at 17:45Z, resolution at 20:00Z
    expect(headline(internal, 'SLA breached')).toBe(2); // response at 18:00Z, resolution at 21:00Z
    expect(headline(internal, 'Maintenance started')).toBe(1);
    expect(headline(internal, 'Maintenance completed')).toBe(1);
    // Internal messages name the person on duty for the owner team (rota); public ones never do.
    expect(internal.filter((t) => t.includes('SLA')).every((t) => t.includes('Anna Berg'))).toBe(true);
    const published = texts(pub);
    expect(published.some((t) => t.includes('SLA') || t.includes('Anna'))).toBe(false);
    expect(headline(published, 'Maintenance started')).toBe(1);
    expect(headline(published, 'Maintenance completed')).toBe(1);
    expect(published).toHaveLength(2);
    expect(published[0]).toContain('Status: in progress');
    expect(published[1]).toContain('Status: completed');
    expect(published[0]).toContain('Status: in progress');
    expect(published[1]).toContain('Status: completed');
  });

  it('leaves a window edge to the push when a status entry said it, and says when a window overruns', () => {
    const base: Omit<Ticket, 'status' | 'timeline'> = {
      id: 'MNT-2026-0002',
      title: 'Firewall',
      kind: 'maintenance',
      services: ['mail'],
      reported_at: '2026-11-20T10:00:00+01:00',
      scheduled_for: '2026-11-23T20:00:00+01:00',
      scheduled_until: '2026-11-23T21:00:00+01:00',
    };
    const started: Ticket = {
      ...base,
      status: 'in-progress',
      timeline: [{ at: '2026-11-23T19:58:00+01:00', status: 'in-progress' }],
    };
    const config = {
      services: { mail: { name: 'Mail', group: 'c', owner: 'ops' } },
      priority: { matrix: {} },
      sla: { policies: {} },
    };
    // 19:45Z–20:00Z holds the window's start (20:00+01:00 = 19:00Z): no event, the entry said it.
    expect(
      scheduledEvents(
        [started],
        config,
        Date.parse('2026-11-23T18:45:00Z'),
        Date.parse('2026-11-23T19:00:00Z'),
      ),
    ).toEqual([]);
    // The window ends at 20:00Z while the status still says in-progress: overrunning.
    const over = scheduledEvents(
      [started],
      config,
      Date.parse('2026-11-23T19:55:00Z'),
      Date.parse('2026-11-23T20:10:00Z'),
    );
    expect(over.map((e) => e.type)).toEqual(['maintenance-overrunning']);
  });
});
