/**
 * A small purpose-built repository for `opsbook report`, written into a temporary folder, with
 * figures worked out by hand in tests/report/figures.test.ts.
 *
 * Calendar: Mon–Fri 08:00–17:00 Europe/Berlin (UTC+1 in March 2026), no holidays.
 * Monday 2026-03-02 is the first working day; the report runs at Friday 2026-03-13 13:00 local
 * over 2026-03-01 .. 2026-03-12.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { configYaml, writeFile, writeFiles } from './repo.ts';

export const AT = '2026-03-13T12:00:00Z';

export const CONFIG = configYaml({
  name: 'Report Test',
  services: `
  mail: { name: E-mail, group: central, owner: ops }
  vpn: { name: Remote access, group: central, owner: ops }`,
  customers: `
  acme: { name: ACME AG, contract: maintenance }
  beta: { name: Beta GmbH, contract: none }`,
  sla: `
  policies:
    standard:
      calendar: mon-fri
      pause_statuses: [pending]
      at_risk: 0.75
      targets:
        P1: { response: 1h, resolution: 4h }
        P2: { response: 4h, resolution: 2bd }
        P3: { response: 1bd, resolution: 5bd }
    contract:
      calendar: mon-fri
      pause_statuses: [pending]
      at_risk: 0.75
      targets:
        P4: { response: 1h, resolution: 8h }
  assign:
    - when: { kind: service-request, customer_contract: maintenance }
      policy: contract
  default: standard`,
  more: `problems:
  recurrence: { min_count: 3, window_days: 90, group_by: [service, cause] }
`,
});

export interface TicketSpec {
  id: string;
  kind?: string;
  title?: string;
  status: string;
  impact?: string;
  urgency?: string;
  services?: string[];
  customer?: string;
  channel?: string;
  reported: string;
  acknowledged?: string;
  resolved?: string;
  timeline: [string, string][];
  extra?: string[];
}

export function ticketFile(t: TicketSpec): string {
  const lines = [
    '---',
    `id: ${t.id}`,
    `title: ${JSON.stringify(t.title ?? `Ticket ${t.id}`)}`,
    `kind: ${t.kind ?? 'incident'}`,
    `status: ${t.status}`,
  ];
  if (t.impact) lines.push(`impact: ${t.impact}`);
  if (t.urgency) lines.push(`urgency: ${t.urgency}`);
  lines.push(`services: [${(t.services ?? ['mail']).join(', ')}]`);
  if (t.customer) lines.push(`customer: ${t.customer}`);
  if (t.channel) lines.push(`channel: ${t.channel}`);
  lines.push(`reported_at: ${t.reported}`);
  if (t.acknowledged) lines.push(`acknowledged_at: ${t.acknowledged}`);
  if (t.resolved) lines.push(`resolved_at: ${t.resolved}`);
  lines.push('timeline:');
  for (const [at, status] of t.timeline) lines.push(`  - at: ${at}`, `    status: ${status}`);
  lines.push(...(t.extra ?? []), '---', 'Text.', '');
  return lines.join('\n');
}

const h = (day: string, time: string) => `2026-${day}T${time}:00+01:00`;

/** The tickets; the comments give each one's figures (minutes: wall-clock / working). */
export const TICKETS: TicketSpec[] = [
  // P1. MTTA 30/30, MTTR 120/120; both clocks met.
  {
    id: 'INC-2026-0001',
    status: 'resolved',
    impact: 'high',
    urgency: 'high',
    customer: 'acme',
    channel: 'web-form',
    reported: h('03-02', '09:00'),
    acknowledged: h('03-02', '09:30'),
    resolved: h('03-02', '11:00'),
    timeline: [
      [h('03-02', '09:00'), 'new'],
      [h('03-02', '09:30'), 'investigating'],
      [h('03-02', '11:00'), 'resolved'],
    ],
    extra: [
      'category: server',
      'cause: auto-update',
      'avoidable: true',
      'review: { required: true, due: 2026-03-09, done: 2026-03-06 }',
      'actions:',
      '  - { title: Manual update ring, owner: ops, due: 2026-03-10, done: 2026-03-05 }',
    ],
  },
  // P1 reported an hour before closing. MTTA 30/30, MTTR 1080/180 (Mon 16-17 + Tue 08-10); met.
  {
    id: 'INC-2026-0002',
    status: 'resolved',
    impact: 'high',
    urgency: 'high',
    customer: 'acme',
    channel: 'phone',
    reported: h('03-02', '16:00'),
    acknowledged: h('03-02', '16:30'),
    resolved: h('03-03', '10:00'),
    timeline: [
      [h('03-02', '16:00'), 'new'],
      [h('03-02', '16:30'), 'investigating'],
      [h('03-03', '10:00'), 'resolved'],
    ],
    extra: [
      'category: server',
      'cause: auto-update',
      'avoidable: true',
      'review: { required: true, due: 2026-03-20, done: false }',
    ],
  },
  // P1 reported on Saturday. MTTA 2790/30 (Mon 08:00-08:30), MTTR 3060/300; resolution due Mon 12:00: breached.
  {
    id: 'INC-2026-0003',
    status: 'resolved',
    impact: 'high',
    urgency: 'high',
    channel: 'monitoring',
    reported: h('03-07', '10:00'),
    acknowledged: h('03-09', '08:30'),
    resolved: h('03-09', '13:00'),
    timeline: [
      [h('03-07', '10:00'), 'new'],
      [h('03-09', '08:30'), 'investigating'],
      [h('03-09', '13:00'), 'resolved'],
    ],
    extra: [
      'category: server',
      'cause: auto-update',
      'avoidable: true',
      'review: { required: true, due: 2026-03-10, done: false }',
      'actions:',
      '  - { title: Alert on failed service start, owner: ops, due: 2026-03-11, done: false }',
      '  - { title: Document the rollback, owner: ops, done: false }',
    ],
  },
  // P2, pending 10:00-14:00. MTTA 60/60, MTTR 1440/300 (240 paused); met. Linked to a problem.
  {
    id: 'INC-2026-0004',
    status: 'resolved',
    impact: 'high',
    urgency: 'medium',
    services: ['vpn'],
    channel: 'monitoring',
    reported: h('03-03', '09:00'),
    acknowledged: h('03-03', '10:00'),
    resolved: h('03-04', '09:00'),
    timeline: [
      [h('03-03', '09:00'), 'new'],
      [h('03-03', '10:00'), 'pending'],
      [h('03-03', '14:00'), 'investigating'],
      [h('03-04', '09:00'), 'resolved'],
    ],
    extra: [
      'category: network',
      'cause: hardware',
      'avoidable: false',
      'problem: PRB-2026-0001',
      'actions:',
      '  - { title: Spare gateway, owner: ops, due: 2026-03-20, done: false }',
    ],
  },
  // Duplicate of 0001: no SLA, no times, no recurrence; counted as a ticket and a duplicate.
  {
    id: 'INC-2026-0005',
    status: 'resolved',
    impact: 'high',
    urgency: 'high',
    customer: 'acme',
    channel: 'web-form',
    reported: h('03-02', '09:10'),
    acknowledged: h('03-02', '09:20'),
    resolved: h('03-02', '09:20'),
    timeline: [
      [h('03-02', '09:10'), 'new'],
      [h('03-02', '09:20'), 'resolved'],
    ],
    extra: [
      'duplicate_of: INC-2026-0001',
      'category: server',
      'cause: auto-update',
      'avoidable: true',
      'review: { required: false }',
    ],
  },
  // P3, still open: MTTA 15/15; resolution (5bd) was due Thu 03-12 09:00: breached while running.
  {
    id: 'INC-2026-0006',
    status: 'investigating',
    impact: 'medium',
    urgency: 'medium',
    services: ['vpn'],
    customer: 'beta',
    channel: 'email',
    reported: h('03-05', '09:00'),
    acknowledged: h('03-05', '09:15'),
    timeline: [
      [h('03-05', '09:00'), 'new'],
      [h('03-05', '09:15'), 'investigating'],
    ],
    extra: ['category: network', 'cause: hardware', 'problem: PRB-2026-0001'],
  },
  // Service request of a contract customer (policy contract, P4: 1h / 8h). MTTA 30/30, MTTR 240/240; met.
  {
    id: 'REQ-2026-0001',
    kind: 'service-request',
    status: 'resolved',
    impact: 'low',
    urgency: 'low',
    customer: 'acme',
    channel: 'phone',
    reported: h('03-04', '10:00'),
    acknowledged: h('03-04', '10:30'),
    resolved: h('03-04', '14:00'),
    timeline: [
      [h('03-04', '10:00'), 'new'],
      [h('03-04', '10:30'), 'triaged'],
      [h('03-04', '14:00'), 'resolved'],
    ],
  },
  // Problem record, P4 under `standard`: no target, not applicable.
  {
    id: 'PRB-2026-0001',
    kind: 'problem',
    status: 'investigating',
    impact: 'low',
    urgency: 'low',
    services: ['vpn'],
    reported: h('03-05', '12:00'),
    acknowledged: h('03-05', '12:00'),
    timeline: [[h('03-05', '12:00'), 'investigating']],
    extra: ['category: network', 'cause: hardware'],
  },
  // Maintenance: no priority, no SLA; open (scheduled).
  {
    id: 'MNT-2026-0001',
    kind: 'maintenance',
    status: 'scheduled',
    reported: h('03-02', '12:00'),
    timeline: [[h('03-02', '12:00'), 'scheduled']],
    extra: ['scheduled_for: 2026-03-28T20:00:00+01:00', 'scheduled_until: 2026-03-28T22:00:00+01:00'],
  },
  // Cancelled (P4): counted as a ticket, nothing else.
  {
    id: 'INC-2026-0007',
    status: 'cancelled',
    impact: 'low',
    urgency: 'low',
    customer: 'beta',
    channel: 'phone',
    reported: h('03-10', '09:00'),
    timeline: [
      [h('03-10', '09:00'), 'new'],
      [h('03-10', '09:05'), 'cancelled'],
    ],
  },
  // Before the period (2026-02-20): not in the figures, but recurrence looks back on it.
  {
    id: 'INC-2026-0008',
    status: 'resolved',
    impact: 'high',
    urgency: 'high',
    channel: 'monitoring',
    reported: '2026-02-20T10:00:00+01:00',
    acknowledged: '2026-02-20T10:10:00+01:00',
    resolved: '2026-02-20T12:00:00+01:00',
    timeline: [
      ['2026-02-20T10:00:00+01:00', 'new'],
      ['2026-02-20T12:00:00+01:00', 'resolved'],
    ],
    extra: ['category: server', 'cause: auto-update', 'avoidable: true'],
  },
  // VPN hardware again, not linked: with the two linked ones only 1 counts, so no candidate.
  // P3. MTTA 30/30, MTTR 180/180; met.
  {
    id: 'INC-2026-0010',
    status: 'resolved',
    impact: 'medium',
    urgency: 'medium',
    services: ['vpn'],
    channel: 'monitoring',
    reported: h('03-06', '09:00'),
    acknowledged: h('03-06', '09:30'),
    resolved: h('03-06', '12:00'),
    timeline: [
      [h('03-06', '09:00'), 'new'],
      [h('03-06', '09:30'), 'investigating'],
      [h('03-06', '12:00'), 'resolved'],
    ],
    extra: ['category: network', 'cause: hardware', 'avoidable: false'],
  },
  // Last minutes of the period's last day (local): in. Contract P4, not acknowledged at `at`:
  // response due Fri 09:00, breached; resolution due Fri 16:00, running (300 of 480 min).
  {
    id: 'REQ-2026-0002',
    kind: 'service-request',
    status: 'new',
    impact: 'low',
    urgency: 'low',
    customer: 'acme',
    channel: 'email',
    reported: h('03-12', '23:30'),
    timeline: [[h('03-12', '23:30'), 'new']],
  },
  // After the period's end (local date 03-13), before `at`: out.
  {
    id: 'REQ-2026-0003',
    kind: 'service-request',
    status: 'new',
    impact: 'low',
    urgency: 'low',
    customer: 'acme',
    reported: h('03-13', '00:30'),
    timeline: [[h('03-13', '00:30'), 'new']],
  },
];

export const RUNBOOKS: Record<string, string> = {
  // Review due 2026-01-31: overdue.
  'mail/mail-restore.md': `---
id: mail-restore
title: Restore the mail server
services: [mail]
scenario: The mail server is lost.
owner: ops
last_reviewed: 2026-01-01
review_every: 30d
last_tested: 2025-06-01
test_every: 365d
audience: internal
---
1. Restore.
`,
  // Drills required (test_every) but never drilled: stale.
  'vpn/vpn-gateway.md': `---
id: vpn-gateway
title: Replace the VPN gateway
services: [vpn]
scenario: The gateway fails.
owner: ops
last_reviewed: 2026-03-01
review_every: 180d
test_every: 90d
audience: internal
---
1. Replace.
`,
  // Never drilled, but no drill interval: not stale.
  'mail/mail-queue.md': `---
id: mail-queue
title: Flush the mail queue
services: [mail]
scenario: Mail is delayed.
owner: ops
last_reviewed: 2026-03-01
review_every: 1y
audience: internal
---
1. Flush.
`,
};

/** Writes the repository into `dir`: the tickets, runbooks and configuration above unless given. */
export function writeRepository(
  dir: string,
  options: { config?: string; tickets?: TicketSpec[]; runbooks?: Record<string, string> } = {},
): void {
  writeFile(dir, 'opsbook.yaml', options.config ?? CONFIG);
  mkdirSync(join(dir, 'incidents', '2026'), { recursive: true });
  writeFiles(
    dir,
    Object.fromEntries([
      ...(options.tickets ?? TICKETS).map((t) => [`incidents/2026/${t.id}.md`, ticketFile(t)]),
      ...Object.entries(options.runbooks ?? RUNBOOKS).map(([path, text]) => [`runbooks/${path}`, text]),
    ]),
  );
}
