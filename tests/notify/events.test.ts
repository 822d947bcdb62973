import { describe, expect, it, vi } from 'vitest';
import { ticketEvents } from '../../scripts/derive/notify/events.ts';
import { withRetry } from '../../scripts/lib/notify-delivery.ts';
import type { Ticket } from '../../scripts/model/types.ts';
import { runCli } from '../helpers/cli.ts';
import { configYaml, tempRepository } from '../helpers/repo.ts';

const BASE: Ticket = {
  id: 'INC-2026-0007',
  title: 'VPN drops',
  kind: 'incident',
  status: 'investigating',
  reported_at: '2026-11-23T09:00:00+01:00',
  services: [{ id: 'vpn', effect: 'degraded_performance' }],
  timeline: [
    { at: '2026-11-23T09:00:00+01:00', status: 'new', public: 'Looking into it.' },
    { at: '2026-11-23T09:10:00+01:00', status: 'investigating' },
  ],
};

describe('ticketEvents', () => {
  it('gives a new entry one event with a stable id, and nothing for an edited old entry', () => {
    const after: Ticket = {
      ...BASE,
      status: 'identified',
      timeline: [
        { at: '2026-11-23T09:00:00+01:00', status: 'new', public: 'Looking into it (typo fixed).' },
        ...(BASE.timeline ?? []).slice(1),
        { at: '2026-11-23T09:40:00+01:00', status: 'identified', note: 'Firmware bug.' },
      ],
    };
    const events = ticketEvents(BASE, after);
    expect(events.map((e) => [e.id, e.type, e.previousStatus])).toEqual([
      ['INC-2026-0007:2@2026-11-23T09:40:00+01:00:status-changed', 'status-changed', 'investigating'],
    ]);
    expect(ticketEvents(BASE, after).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('reports an effect change without a timeline entry as its own event', () => {
    const after: Ticket = { ...BASE, services: [{ id: 'vpn', effect: 'major_outage' }] };
    const [event, ...rest] = ticketEvents(BASE, after);
    expect(rest).toEqual([]);
    expect(event?.type).toBe('effect-changed');
    expect(event?.effects).toEqual([
      { service: 'vpn', before: 'degraded_performance', after: 'major_outage' },
    ]);
    expect(event?.id).toBe('INC-2026-0007:2:effects:vpn=major_outage');
  });

  it('opens a new ticket once, with its first entry, and gives later entries their own events', () => {
    const events = ticketEvents(null, BASE);
    expect(events.map((e) => e.type)).toEqual(['opened', 'status-changed']);
    expect(events[0]?.entry?.public).toBe('Looking into it.');
  });
});

describe('withRetry', () => {
  it('waits with doubling pauses between tries and gives up after the last', async () => {
    const waits: number[] = [];
    const send = vi.fn(async () => {
      throw new Error('HTTP 500');
    });
    const failures: string[] = [];
    const error = await withRetry(
      send,
      { attempts: 4, baseDelayMs: 1000, sleep: async (ms) => void waits.push(ms) },
      (e, attempt, again) => failures.push(`${attempt} ${e.message} ${again}`),
    );
    expect(error?.message).toBe('HTTP 500');
    expect(send).toHaveBeenCalledTimes(4);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(failures).toEqual(['1 HTTP 500 true', '2 HTTP 500 true', '3 HTTP 500 true', '4 HTTP 500 false']);
  });

  it('stops as soon as a try succeeds', async () => {
    let calls = 0;
    const waits: number[] = [];
    const error = await withRetry(
      async () => {
        calls++;
        if (calls < 2) throw new Error('ECONNRESET');
      },
      { attempts: 4, baseDelayMs: 50, sleep: async (ms) => void waits.push(ms) },
      () => {},
    );
    expect(error).toBeNull();
    expect(calls).toBe(2);
    expect(waits).toEqual([50]);
  });
});

describe('validate: notifications', () => {
  it('reports a duplicate channel id and an unknown service with their lines', async () => {
    const config = configYaml({
      name: 'Notify IT',
      sla: '\n  policies:\n    std:\n      calendar: mon-fri\n      targets:\n        P1: { response: 1h, resolution: 8h }\n  default: std',
      more: [
        'notifications:',
        '  - { id: chat, kind: slack, url_env: A, audience: public, services: [mail, nope] }',
        '  - { id: chat, kind: email, smtp_env: B, from: a@example.com, to: [b@example.com], audience: internal }',
        '',
      ].join('\n'),
    });
    const repo = tempRepository('notify-validate', config);
    try {
      const result = await runCli(['validate', '--format', 'json'], { cwd: repo.dir });
      expect(result.code).toBe(1);
      const findings = (JSON.parse(result.stdout) as { findings: { code: string; line: number }[] }).findings;
      const ours = findings.filter((f) => f.code.startsWith('notify/'));
      expect(ours.map((f) => f.code).sort()).toEqual(['notify/duplicate-channel', 'notify/unknown-service']);
      const lines = config.split('\n');
      const line = (code: string) => ours.find((f) => f.code === code)?.line ?? 0;
      expect(lines[line('notify/unknown-service') - 1]).toContain('nope');
      expect(lines[line('notify/duplicate-channel') - 1]).toContain('kind: email');
    } finally {
      repo.cleanup();
    }
  });

  it('rejects an e-mail channel without its SMTP variable through the schema', async () => {
    const config = configYaml({
      name: 'Notify IT',
      sla: '\n  policies:\n    std:\n      calendar: mon-fri\n      targets:\n        P1: { response: 1h, resolution: 8h }\n  default: std',
      more: 'notifications:\n  - { id: mail, kind: email, from: a@example.com, to: [b@example.com], audience: internal }\n',
    });
    const repo = tempRepository('notify-schema', config);
    try {
      const result = await runCli(['validate'], { cwd: repo.dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('smtp_env');
    } finally {
      repo.cleanup();
    }
  });
});
