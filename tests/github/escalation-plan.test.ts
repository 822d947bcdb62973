import { describe, expect, it } from 'vitest';
import {
  closedBody,
  type EscalationFacts,
  type EscalationRenderer,
  type EscalationSituation,
  type ExistingIssue,
  escalationLevel,
  planEscalations,
  type Settled,
  ticketOfIssue,
} from '../../scripts/derive/escalation-plan.ts';
import type { ClockReport, TicketSla } from '../../scripts/derive/sla-clock.ts';

function facts(id: string, level: EscalationFacts['level'], priority = 'P1'): EscalationFacts {
  return {
    id,
    title: `Ticket ${id}`,
    file: `incidents/2026/${id}.md`,
    level,
    status: 'new',
    priority,
    policy: 'standard',
    zone: 'UTC',
    clocks: [],
    team: 'ops',
    mention: '@acme/ops',
  };
}

/** A renderer whose output names its input, so the plan's decisions are visible. */
const render: EscalationRenderer = {
  issue: (f) => ({
    title: `${f.level} ${f.id}`,
    body: `<!-- opsbook:escalation ${f.id} -->\n${f.level} ${f.priority}\n`,
  }),
  attention: (f, change) => `${change} ${f.id}`,
  closing: (id, s) => `close ${id} ${s.reason}`,
  duplicate: (id, keep) => `duplicate ${id} of #${keep}`,
};

function situation(needed: EscalationFacts[], settled: Record<string, Settled> = {}): EscalationSituation {
  return {
    needed: new Map(needed.map((f) => [f.id, f])),
    settled: (id) => settled[id] ?? { reason: 'missing' },
  };
}

function issue(
  number: number,
  id: string,
  level: string,
  fields: Partial<ExistingIssue> = {},
): ExistingIssue {
  return {
    number,
    open: true,
    title: `${level} ${id}`,
    body: `<!-- opsbook:escalation ${id} -->\n${level} P1\n`,
    labels: ['opsbook-escalation', `sla:${level}`, 'priority:P1'],
    ...fields,
  };
}

describe('planEscalations', () => {
  it('creates, keeps and closes, in ticket order', () => {
    const ops = planEscalations(
      situation([facts('INC-2026-0003', 'at-risk'), facts('INC-2026-0001', 'breached')], {
        'INC-2026-0002': { reason: 'resolved', status: 'resolved' },
      }),
      [issue(7, 'INC-2026-0002', 'breached'), issue(8, 'INC-2026-0003', 'at-risk')],
      render,
    );
    expect(ops).toEqual([
      {
        op: 'create',
        id: 'INC-2026-0001',
        level: 'breached',
        title: 'breached INC-2026-0001',
        body: '<!-- opsbook:escalation INC-2026-0001 -->\nbreached P1\n',
        labels: ['opsbook-escalation', 'sla:breached', 'priority:P1'],
      },
      {
        op: 'close',
        id: 'INC-2026-0002',
        number: 7,
        comment: 'close INC-2026-0002 resolved',
        body: '<!-- opsbook:escalation INC-2026-0002 -->\nbreached P1\n<!-- opsbook:closed -->\n',
        reason: 'completed',
      },
      { op: 'keep', id: 'INC-2026-0003', number: 8, why: 'unchanged' },
    ]);
  });

  it('updates only what differs, keeps labels people added, and comments only when it gets worse', () => {
    const ops = planEscalations(
      situation([facts('INC-2026-0001', 'at-risk', 'P2')]),
      [
        issue(3, 'INC-2026-0001', 'at-risk', {
          labels: ['opsbook-escalation', 'sla:at-risk', 'priority:P1', 'network'],
        }),
      ],
      render,
    );
    expect(ops).toEqual([
      {
        op: 'update',
        id: 'INC-2026-0001',
        number: 3,
        level: 'at-risk',
        changes: {
          body: '<!-- opsbook:escalation INC-2026-0001 -->\nat-risk P2\n',
          labels: ['network', 'opsbook-escalation', 'sla:at-risk', 'priority:P2'],
        },
      },
    ]);
    const worse = planEscalations(
      situation([facts('INC-2026-0001', 'breached')]),
      [issue(3, 'INC-2026-0001', 'at-risk')],
      render,
    );
    expect(worse[0]).toMatchObject({ op: 'update', comment: 'worse INC-2026-0001' });
    // Better (breached → at risk cannot happen for one clock, but can when another clock leads): no comment.
    const better = planEscalations(
      situation([facts('INC-2026-0001', 'at-risk')]),
      [issue(3, 'INC-2026-0001', 'breached')],
      render,
    );
    expect(better[0]).not.toHaveProperty('comment');
  });

  it('treats CRLF bodies and label order as equal', () => {
    const ops = planEscalations(
      situation([facts('INC-2026-0001', 'breached')]),
      [
        issue(3, 'INC-2026-0001', 'breached', {
          body: '<!-- opsbook:escalation INC-2026-0001 -->\r\nbreached P1\r\n',
          labels: ['priority:P1', 'sla:breached', 'opsbook-escalation'],
        }),
      ],
      render,
    );
    expect(ops).toEqual([{ op: 'keep', id: 'INC-2026-0001', number: 3, why: 'unchanged' }]);
  });

  it('keeps the oldest of several open issues and closes the others as duplicates', () => {
    const ops = planEscalations(
      situation([facts('INC-2026-0001', 'breached')]),
      [issue(9, 'INC-2026-0001', 'breached'), issue(4, 'INC-2026-0001', 'breached')],
      render,
    );
    expect(ops.map((o) => [o.op, 'number' in o ? o.number : null])).toEqual([
      ['keep', 4],
      ['close', 9],
    ]);
    expect(ops[1]).toMatchObject({ comment: 'duplicate INC-2026-0001 of #4', reason: 'not_planned' });
  });

  it("respects a person's close until the ticket gets worse; reopens what Opsbook closed", () => {
    const byHand = issue(5, 'INC-2026-0001', 'at-risk', { open: false });
    expect(planEscalations(situation([facts('INC-2026-0001', 'at-risk')]), [byHand], render)).toEqual([
      { op: 'keep', id: 'INC-2026-0001', number: 5, why: 'closed-by-hand' },
    ]);
    expect(
      planEscalations(situation([facts('INC-2026-0001', 'breached')]), [byHand], render)[0],
    ).toMatchObject({
      op: 'update',
      number: 5,
      changes: { state: 'open' },
      comment: 'reopened INC-2026-0001',
    });
    const byOpsbook = { ...byHand, body: closedBody(byHand.body) };
    expect(
      planEscalations(situation([facts('INC-2026-0001', 'at-risk')]), [byOpsbook], render)[0],
    ).toMatchObject({
      op: 'update',
      number: 5,
      changes: { state: 'open', body: '<!-- opsbook:escalation INC-2026-0001 -->\nat-risk P1\n' },
    });
    // Closed ones of calm tickets stay closed; issues without a marker are not Opsbook's.
    expect(
      planEscalations(situation([]), [byHand, { ...issue(6, 'x', 'breached'), body: 'no marker' }], render),
    ).toEqual([]);
  });
});

describe('escalation helpers', () => {
  const clock = (state: ClockReport['state'], stoppedAt: string | null = null): ClockReport => ({
    start: '2026-03-02T09:00:00Z',
    due: '2026-03-02T10:00:00Z',
    stoppedAt,
    elapsedMinutes: 0,
    pausedMinutes: 0,
    state,
  });
  const sla = (response: ClockReport, resolution: ClockReport): TicketSla => ({
    id: 'INC-2026-0001',
    kind: 'incident',
    status: 'new',
    priority: 'P1',
    policy: 'standard',
    response,
    resolution,
  });

  it('escalationLevel looks at running clocks only', () => {
    expect(escalationLevel(sla(clock('breached'), clock('running')))).toBe('breached');
    expect(escalationLevel(sla(clock('met', '2026-03-02T09:10:00Z'), clock('at-risk')))).toBe('at-risk');
    expect(escalationLevel(sla(clock('breached', '2026-03-02T10:10:00Z'), clock('running')))).toBe(null);
    expect(escalationLevel(sla(clock('paused'), clock('paused')))).toBe(null);
  });

  it('ticketOfIssue reads the marker', () => {
    expect(ticketOfIssue('x\n<!-- opsbook:escalation REQ-2026-10001 -->\n')).toBe('REQ-2026-10001');
    expect(ticketOfIssue('<!-- opsbook:escalation nope -->')).toBe(null);
    expect(ticketOfIssue(null)).toBe(null);
  });
});
