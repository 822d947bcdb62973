/**
 * `opsbook review --check`: which reviews are required (policy: P1/P2 incidents and SLA
 * breaches; `review.required` on the ticket wins), their due dates in business days across a
 * weekend and a holiday, pending / due / overdue, open and overdue actions, `--fail-on`.
 *
 * Calendar mon-fri 08:00-17:00 Europe/Berlin, holidays 2026-03-31 and 2026-04-06; reviews are due
 * 2 business days after the resolution.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { CONFIG, makeRepo } from '../helpers/review-repo.ts';

interface Spec {
  id: string;
  kind?: string;
  status?: string;
  impact?: string;
  urgency?: string;
  reported: string;
  acknowledged?: string;
  resolved?: string;
  extra?: string[];
  body?: string;
}

function ticket(t: Spec): string {
  const status = t.status ?? (t.resolved ? 'resolved' : 'investigating');
  const lines = [
    '---',
    `id: ${t.id}`,
    `title: Ticket ${t.id}`,
    `kind: ${t.kind ?? 'incident'}`,
    `status: ${status}`,
    `impact: ${t.impact ?? 'high'}`,
    `urgency: ${t.urgency ?? 'high'}`,
    'services: [mail]',
    `reported_at: ${t.reported}`,
    `acknowledged_at: ${t.acknowledged ?? t.reported}`,
  ];
  if (t.resolved) lines.push(`resolved_at: ${t.resolved}`);
  lines.push('timeline:', `  - at: ${t.reported}`, '    status: new');
  if (status === 'cancelled') lines.push(`  - at: ${t.acknowledged ?? t.reported}`, '    status: cancelled');
  else lines.push(`  - at: ${t.acknowledged ?? t.reported}`, '    status: investigating');
  if (t.resolved) lines.push(`  - at: ${t.resolved}`, '    status: resolved');
  lines.push(...(t.extra ?? []), '---', t.body ?? 'Text.', '');
  return lines.join('\n');
}

const TICKETS: Spec[] = [
  // P1, resolved Friday 2026-04-03 10:00: + 2 business days skips the weekend and the holiday
  // on Monday 6 April: Tuesday 7 (1), Wednesday 8 (2) → due 2026-04-08.
  { id: 'INC-2026-0001', reported: '2026-04-03T09:00:00+02:00', resolved: '2026-04-03T10:00:00+02:00' },
  // P3, response breached (1h target, answered after 2h); resolved Wednesday 15:00 → due Friday
  // 2026-04-03. The review is written already.
  {
    id: 'INC-2026-0002',
    impact: 'medium',
    urgency: 'medium',
    reported: '2026-04-01T09:00:00+02:00',
    acknowledged: '2026-04-01T11:00:00+02:00',
    resolved: '2026-04-01T15:00:00+02:00',
    body: 'Text.\n\n## Summary\n\nWritten.',
  },
  // P2, still open: pending.
  { id: 'INC-2026-0003', urgency: 'medium', reported: '2026-04-01T09:00:00+02:00' },
  // P1, review done; one action done, one open, one overdue from 2026-04-05 on.
  {
    id: 'INC-2026-0004',
    reported: '2026-03-20T09:00:00+01:00',
    resolved: '2026-03-20T10:00:00+01:00',
    extra: [
      'review: { required: true, due: 2026-03-24, done: 2026-03-23 }',
      'actions:',
      '  - { title: Done already, owner: ops, due: 2026-03-30, done: 2026-03-27 }',
      '  - { title: "Later <b>one</b>", owner: ops, due: 2026-04-30, done: false }',
      '  - { title: Soon, owner: ops, due: 2026-04-04 }',
      '  - { title: Whenever }',
    ],
  },
  // P1, but the ticket says no review.
  {
    id: 'INC-2026-0005',
    reported: '2026-04-01T09:00:00+02:00',
    resolved: '2026-04-01T10:00:00+02:00',
    extra: ['review: { required: false }'],
  },
  // P1 cancelled, and a P1 duplicate: no review.
  { id: 'INC-2026-0006', status: 'cancelled', reported: '2026-04-01T09:00:00+02:00' },
  {
    id: 'INC-2026-0007',
    reported: '2026-04-01T09:00:00+02:00',
    resolved: '2026-04-01T10:00:00+02:00',
    extra: ['duplicate_of: INC-2026-0001'],
  },
  // Reported after every --at used here: not there yet.
  { id: 'INC-2026-0008', reported: '2026-04-20T09:00:00+02:00' },
  // A P1 service request: the policy asks reviews of incidents only, the ticket asks for one,
  // due on its own date.
  {
    id: 'REQ-2026-0001',
    kind: 'service-request',
    reported: '2026-04-01T09:00:00+02:00',
    resolved: '2026-04-01T10:00:00+02:00',
    extra: ['review: { required: true, due: 2026-04-07 }'],
  },
  // A P1 service request without review field: none required.
  {
    id: 'REQ-2026-0002',
    kind: 'service-request',
    reported: '2026-04-01T09:00:00+02:00',
    resolved: '2026-04-01T10:00:00+02:00',
  },
];

function repo(config = CONFIG) {
  return makeRepo(Object.fromEntries(TICKETS.map((t) => [`incidents/2026/${t.id}.md`, ticket(t)])), config);
}

describe('opsbook review --check', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  async function check(args: string[], config?: string) {
    const r = repo(config);
    cleanup = r.cleanup;
    return runCli(['review', '--check', '--no-cache', ...args], { cwd: r.dir });
  }

  it('lists pending, due and overdue reviews and open actions (text)', async () => {
    const r = await check(['--at', '2026-04-08T10:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'REVIEW   ID             PRIO  WHY                   RESOLVED    DUE         SECTION  TITLE',
        'overdue  INC-2026-0002  P3    SLA breach            2026-04-01  2026-04-03  written  Ticket INC-2026-0002',
        'overdue  REQ-2026-0001  P1    ticket                2026-04-01  2026-04-07  missing  Ticket REQ-2026-0001',
        'due      INC-2026-0001  P1    priority              2026-04-03  2026-04-08  missing  Ticket INC-2026-0001',
        'pending  INC-2026-0003  P2    priority, SLA breach  -           -           missing  Ticket INC-2026-0003',
        '',
        'ACTION   ID             DUE         OWNER  TITLE',
        'overdue  INC-2026-0004  2026-04-04  ops    Soon',
        'open     INC-2026-0004  2026-04-30  ops    Later <b>one</b>',
        'open     INC-2026-0004  -           -      Whenever',
        '',
        '2026-04-08 (Europe/Berlin): 5 reviews required, 1 done, 1 pending, 1 due, 2 overdue (3 not written yet); 3 open actions, 1 overdue',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with the policy, the reasons and where the due date comes from', async () => {
    const r = await check([
      '--at',
      '2026-04-09T10:00:00Z',
      '--format',
      'json',
      'INC-2026-0001',
      'INC-2026-0004',
    ]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      at: '2026-04-09T10:00:00Z',
      today: '2026-04-09',
      policy: { requiredPriorities: ['P1', 'P2'], onBreach: true, dueBusinessDays: 2, calendar: 'mon-fri' },
      reviews: [
        {
          id: 'INC-2026-0001',
          file: 'incidents/2026/INC-2026-0001.md',
          title: 'Ticket INC-2026-0001',
          kind: 'incident',
          status: 'resolved',
          priority: 'P1',
          reasons: ['priority'],
          resolvedAt: '2026-04-03T08:00:00Z',
          due: '2026-04-08',
          dueFrom: 'policy',
          state: 'overdue',
          written: false,
        },
      ],
      actions: [
        {
          id: 'INC-2026-0004',
          file: 'incidents/2026/INC-2026-0004.md',
          index: 2,
          title: 'Soon',
          owner: 'ops',
          due: '2026-04-04',
          state: 'overdue',
        },
        {
          id: 'INC-2026-0004',
          file: 'incidents/2026/INC-2026-0004.md',
          index: 1,
          title: 'Later <b>one</b>',
          owner: 'ops',
          due: '2026-04-30',
          state: 'open',
        },
        {
          id: 'INC-2026-0004',
          file: 'incidents/2026/INC-2026-0004.md',
          index: 3,
          title: 'Whenever',
          owner: null,
          due: null,
          state: 'open',
        },
      ],
      summary: {
        required: 2,
        done: 1,
        pending: 0,
        due: 0,
        overdue: 1,
        missing: 1,
        openActions: 3,
        overdueActions: 1,
      },
    });
  });

  it('--fail-on overdue: exit 0 while nothing is overdue, 1 once a review or an action is', async () => {
    // 2026-04-02: INC-2026-0001 not resolved yet, INC-2026-0002 due 2026-04-03, REQ due 04-07,
    // the action due 04-04; INC-2026-0004's review was done on 03-23.
    const early = await check(['--at', '2026-04-02T10:00:00Z', '--fail-on', 'overdue', '--format', 'json']);
    expect(early.code).toBe(0);
    const doc = JSON.parse(early.stdout) as { reviews: { id: string; state: string }[] };
    expect(doc.reviews.map((x) => [x.id, x.state])).toEqual([
      ['INC-2026-0002', 'due'],
      ['REQ-2026-0001', 'due'],
      ['INC-2026-0003', 'pending'],
    ]);
    // The action is overdue from 2026-04-05 on (a local date: 22:30Z on the 4th is the 5th in Berlin).
    const action = await check(['--at', '2026-04-04T22:30:00Z', '--fail-on', 'overdue', 'INC-2026-0004']);
    expect(action.code).toBe(1);
    expect(action.stdout).toContain('overdue  INC-2026-0004  2026-04-04  ops    Soon');
    const before = await check(['--at', '2026-04-04T21:30:00Z', '--fail-on', 'overdue', 'INC-2026-0004']);
    expect(before.code).toBe(0);
    // The review of INC-2026-0001 is due on 2026-04-08 and overdue on the 9th.
    expect(
      (await check(['--at', '2026-04-08T21:59:00Z', '--fail-on', 'overdue', 'INC-2026-0001'])).code,
    ).toBe(0);
    expect(
      (await check(['--at', '2026-04-08T22:00:00Z', '--fail-on', 'overdue', 'INC-2026-0001'])).code,
    ).toBe(1);
    // Without --fail-on the exit code stays 0.
    expect((await check(['--at', '2026-04-20T10:00:00Z'])).code).toBe(0);
  });

  it('follows the policy in opsbook.yaml: other priorities, no breaches, the built-in calendar', async () => {
    const config = CONFIG.replace(
      'review:\n  due_business_days: 2\n  calendar: mon-fri\n',
      'review:\n  required_priorities: [P1]\n  on_breach: false\n',
    );
    const r = await check(['--at', '2026-04-08T10:00:00Z', '--format', 'json'], config);
    const doc = JSON.parse(r.stdout) as {
      policy: unknown;
      reviews: { id: string; due: string | null; state: string }[];
    };
    expect(doc.policy).toEqual({
      requiredPriorities: ['P1'],
      onBreach: false,
      dueBusinessDays: 5,
      calendar: null,
    });
    // Built-in calendar: Monday to Friday, no holidays. Friday 3 April + 5 → Friday 10 April.
    expect(doc.reviews.map((x) => [x.id, x.due, x.state])).toEqual([
      ['REQ-2026-0001', '2026-04-07', 'overdue'],
      ['INC-2026-0001', '2026-04-10', 'due'],
    ]);
  });

  it('says nothing is outstanding in an empty repository', async () => {
    const r = makeRepo({});
    cleanup = r.cleanup;
    const result = await runCli(['review', '--check', '--at', '2026-04-08T10:00:00Z'], { cwd: r.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'No outstanding reviews.\n\nNo open actions.\n\n2026-04-08 (Europe/Berlin): 0 reviews required, 0 done, 0 pending, 0 due, 0 overdue (0 not written yet); 0 open actions, 0 overdue\n',
    );
  });

  it('names IDs it does not know on stderr', async () => {
    const r = await check(['--at', '2026-04-08T10:00:00Z', 'INC-2026-0099']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('opsbook review: no ticket INC-2026-0099\n');
  });
});
