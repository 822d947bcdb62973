/**
 * Escalation issues (`opsbook github escalate`): which tickets need one now, and what to do on
 * GitHub so that there is exactly one escalation issue per ticket that needs attention. Pure:
 * the SLA report, the tickets, the configuration and the issues GitHub has in; operations out.
 *
 * A ticket needs attention when one of its running clocks is breached or at risk (clocks that
 * stopped are history, as with `opsbook sla --fail-on`). Its issue is created, updated when what
 * it would say differs from what it says (so a second run with nothing changed writes nothing),
 * reopened when the ticket needs attention again, and closed when it does not any more.
 */

import { isOpenStatus } from '../model/lifecycle.ts';
import type { ServiceRef, Ticket } from '../model/schema-types.generated.ts';
import { ownerTeam } from './on-duty.ts';
import type { PolicyCalendars } from './policy-calendars.ts';
import type { ClockReport, TicketSla } from './sla-clock.ts';
import { isRunning, type SlaReport } from './sla-report.ts';

export type EscalationLevel = 'breached' | 'at-risk';

/** Every escalation issue carries this label; the list of issues is read by it. */
export const ESCALATION_LABEL = 'opsbook-escalation';
/** Labels Opsbook manages on an escalation issue; other labels that people add stay. */
export function isManagedLabel(label: string): boolean {
  return label === ESCALATION_LABEL || label.startsWith('sla:') || label.startsWith('priority:');
}

const MARKER = /<!-- opsbook:escalation ((?:INC|REQ|PRB|MNT)-\d{4}-\d{4,}) -->/;
/** In the body of an escalation issue that Opsbook closed (so one closed by a person is told apart). */
const CLOSED_MARKER = '<!-- opsbook:closed -->';

export function escalationMarker(id: string): string {
  return `<!-- opsbook:escalation ${id} -->`;
}

/** The ticket ID an issue body's marker names, or null. */
export function ticketOfIssue(body: string | null | undefined): string | null {
  return body ? (MARKER.exec(body)?.[1] ?? null) : null;
}

const RANK: Record<EscalationLevel, number> = { 'at-risk': 1, breached: 2 };

/** The worst state among the ticket's running clocks, when it is breached or at risk. */
export function escalationLevel(sla: TicketSla): EscalationLevel | null {
  let level: EscalationLevel | null = null;
  for (const clock of [sla.response, sla.resolution]) {
    if (!isRunning(clock)) continue;
    if (clock.state === 'breached') return 'breached';
    if (clock.state === 'at-risk') level = 'at-risk';
  }
  return level;
}

export interface EscalationClock {
  name: 'response' | 'resolution';
  state: ClockReport['state'];
  /** UTC ISO instants, or null. */
  due: string | null;
  stoppedAt: string | null;
}

/** What an escalation issue says about a ticket (rendered by present/escalation-markdown.ts). */
export interface EscalationFacts {
  id: string;
  /** Untrusted: from the ticket file. */
  title: string;
  file: string;
  level: EscalationLevel;
  status: string;
  priority: string | null;
  policy: string | null;
  /** The policy calendar's time zone, for local due times. */
  zone: string | null;
  clocks: EscalationClock[];
  /** The responsible team id: the ticket's `team`, else the first service's owner. */
  team: string | null;
  /**
   * Who is mentioned, from opsbook.yaml only: the person on duty for the team (their `github`
   * login from `people`), else the team's `github` handle (`@org/team`).
   */
  mention: string | null;
  /** The person on duty for the team at the instant (rota), when there is one. */
  onDuty?: string | null;
}

/** Why a ticket with an open issue needs it no more. */
export type Settled =
  | { reason: 'resolved' | 'cancelled'; status: string }
  | { reason: 'calm'; states: [string, string] }
  | { reason: 'missing' };

/** The ticket facts escalation reads (a subset of the ticket index). */
export interface EscalationTicket {
  file: string;
  data: Pick<Ticket, 'id' | 'title' | 'team'> & { readonly services?: readonly ServiceRef[] };
}

export interface EscalationConfig {
  teams?: { readonly [id: string]: { github?: string } | undefined };
  services: { readonly [id: string]: { owner?: string } | undefined };
}

/** The person on duty for a team at the report's instant (derive/on-duty.ts), or null. */
export type DutyLookup = (team: string) => { name: string; github?: string } | null;

export interface EscalationSituation {
  /** Tickets that need an escalation issue, by ID. */
  needed: Map<string, EscalationFacts>;
  /** What became of a ticket that needs none. */
  settled(id: string): Settled;
}

/** Which tickets need an escalation issue at the report's instant. */
export function escalationSituation(
  report: SlaReport,
  tickets: readonly EscalationTicket[],
  config: EscalationConfig,
  calendars: PolicyCalendars,
  onDuty: DutyLookup = () => null,
): EscalationSituation {
  const byId = new Map(tickets.map((t) => [t.data.id, t]));
  const entries = new Map(report.tickets.map((e) => [e.id, e]));
  const needed = new Map<string, EscalationFacts>();
  for (const entry of report.tickets) {
    if (!entry.running || !isOpenStatus(entry.status)) continue;
    const sla = entry.sla;
    const level = escalationLevel(sla);
    const ticket = byId.get(entry.id);
    if (!level || !ticket) continue;
    const team = ownerTeam(ticket.data, config.services);
    const teamHandle =
      team && config.teams && Object.hasOwn(config.teams, team) ? config.teams[team]?.github : undefined;
    const duty = team ? onDuty(team) : null;
    const handle = duty?.github ? `@${duty.github}` : teamHandle;
    needed.set(entry.id, {
      id: entry.id,
      title: ticket.data.title,
      file: ticket.file,
      level,
      status: sla.status,
      priority: sla.priority,
      policy: sla.policy,
      zone: calendars.zone(sla.policy),
      clocks: (['response', 'resolution'] as const).map((name) => ({
        name,
        state: sla[name].state,
        due: sla[name].due,
        stoppedAt: sla[name].stoppedAt,
      })),
      team,
      mention: handle ?? null,
      onDuty: duty?.name ?? null,
    });
  }
  return {
    needed,
    settled(id) {
      const entry = entries.get(id);
      if (!entry) return { reason: 'missing' };
      if (entry.status === 'cancelled') return { reason: 'cancelled', status: entry.status };
      if (!isOpenStatus(entry.status)) return { reason: 'resolved', status: entry.status };
      return { reason: 'calm', states: [entry.states[0], entry.states[1]] };
    },
  };
}

/** An escalation issue as GitHub has it. */
export interface ExistingIssue {
  number: number;
  open: boolean;
  title: string;
  body: string;
  labels: string[];
}

/** What the issue of a ticket should say: rendered by present/, compared here. */
export interface RenderedIssue {
  title: string;
  body: string;
}

export interface EscalationRenderer {
  issue(facts: EscalationFacts): RenderedIssue;
  /** The comment when a ticket got worse (at risk → breached) or needs attention again (reopened). */
  attention(facts: EscalationFacts, change: 'worse' | 'reopened'): string;
  /** The comment that explains a close. */
  closing(id: string, settled: Settled): string;
  /** The comment on a second open issue of the same ticket. */
  duplicate(id: string, keep: number): string;
}

export type EscalationOp =
  | { op: 'create'; id: string; level: EscalationLevel; title: string; body: string; labels: string[] }
  | {
      op: 'update';
      id: string;
      number: number;
      level: EscalationLevel;
      /** Only the fields that differ (and `state: 'open'` to reopen). */
      changes: { title?: string; body?: string; labels?: string[]; state?: 'open' };
      /** Posted after the update, when the ticket got worse or came back. */
      comment?: string;
    }
  | {
      op: 'close';
      id: string;
      number: number;
      comment: string;
      body: string;
      reason: 'completed' | 'not_planned';
    }
  | { op: 'keep'; id: string; number: number; why: 'unchanged' | 'closed-by-hand' };

/** The managed labels of an escalation: the escalation label, the level and the priority. */
function escalationLabels(facts: EscalationFacts): string[] {
  return [ESCALATION_LABEL, `sla:${facts.level}`, ...(facts.priority ? [`priority:${facts.priority}`] : [])];
}

function levelOfLabels(labels: readonly string[]): EscalationLevel | null {
  if (labels.includes('sla:breached')) return 'breached';
  if (labels.includes('sla:at-risk')) return 'at-risk';
  return null;
}

/** The issue's labels with the managed ones replaced: labels people added stay. */
function mergedLabels(existing: readonly string[], managed: readonly string[]): string[] {
  return [...existing.filter((l) => !isManagedLabel(l)), ...managed];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

/** GitHub may hand bodies back with CRLF line ends; compare the text, not the line ends. */
function sameText(a: string, b: string): boolean {
  return a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
}

/**
 * The operations that bring the escalation issues in line with the situation, ordered by
 * ticket ID. `issues` are the issues with the escalation label (open and closed) whose body
 * names a ticket; others are none of Opsbook's business.
 *
 * - A ticket that needs attention and has an open issue: the issue is updated when its title,
 *   body or managed labels differ, with a comment when it got worse (at risk → breached).
 * - No open issue, but a closed one: reopened, unless a person closed it and the ticket is no
 *   worse than it was then (a person's close is respected until the ticket gets worse).
 * - No issue at all: created.
 * - A ticket that needs no attention (resolved, cancelled, clocks calm, or gone): its open
 *   issues are closed with a comment saying why.
 * - Several open issues for one ticket: the oldest stays, the others are closed as duplicates.
 */
export function planEscalations(
  situation: EscalationSituation,
  issues: readonly ExistingIssue[],
  render: EscalationRenderer,
): EscalationOp[] {
  const byTicket = new Map<string, ExistingIssue[]>();
  for (const issue of issues) {
    const id = ticketOfIssue(issue.body);
    if (!id) continue;
    const list = byTicket.get(id) ?? [];
    list.push(issue);
    byTicket.set(id, list);
  }
  const ids = [...new Set([...situation.needed.keys(), ...byTicket.keys()])].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const ops: EscalationOp[] = [];
  for (const id of ids) {
    const mine = byTicket.get(id) ?? [];
    const open = mine.filter((i) => i.open).sort((a, b) => a.number - b.number);
    const facts = situation.needed.get(id);
    if (!facts) {
      const settled = situation.settled(id);
      for (const issue of open) {
        ops.push({
          op: 'close',
          id,
          number: issue.number,
          comment: render.closing(id, settled),
          body: closedBody(issue.body),
          reason: 'completed',
        });
      }
      continue;
    }
    const rendered = render.issue(facts);
    const managed = escalationLabels(facts);
    const [keep, ...extra] = open;
    if (keep) {
      const labels = mergedLabels(keep.labels, managed);
      const changes: Extract<EscalationOp, { op: 'update' }>['changes'] = {};
      if (keep.title !== rendered.title) changes.title = rendered.title;
      if (!sameText(keep.body, rendered.body)) changes.body = rendered.body;
      if (!sameSet(keep.labels, labels)) changes.labels = labels;
      const before = levelOfLabels(keep.labels);
      const worse = before !== null && RANK[facts.level] > RANK[before];
      if (Object.keys(changes).length === 0) {
        ops.push({ op: 'keep', id, number: keep.number, why: 'unchanged' });
      } else {
        ops.push({
          op: 'update',
          id,
          number: keep.number,
          level: facts.level,
          changes,
          ...(worse ? { comment: render.attention(facts, 'worse') } : {}),
        });
      }
      for (const issue of extra) {
        ops.push({
          op: 'close',
          id,
          number: issue.number,
          comment: render.duplicate(id, keep.number),
          body: closedBody(issue.body),
          reason: 'not_planned',
        });
      }
      continue;
    }
    const latest = mine.filter((i) => !i.open).sort((a, b) => b.number - a.number)[0];
    if (latest) {
      const byHand = !latest.body.includes(CLOSED_MARKER);
      const then = levelOfLabels(latest.labels);
      if (byHand && then !== null && RANK[facts.level] <= RANK[then]) {
        ops.push({ op: 'keep', id, number: latest.number, why: 'closed-by-hand' });
        continue;
      }
      ops.push({
        op: 'update',
        id,
        number: latest.number,
        level: facts.level,
        changes: {
          state: 'open',
          title: rendered.title,
          body: rendered.body,
          labels: mergedLabels(latest.labels, managed),
        },
        comment: render.attention(facts, 'reopened'),
      });
      continue;
    }
    ops.push({
      op: 'create',
      id,
      level: facts.level,
      title: rendered.title,
      body: rendered.body,
      labels: managed,
    });
  }
  return ops;
}

/** The body of an issue Opsbook closes: unchanged, with the closed marker at its end. */
export function closedBody(body: string): string {
  return body.includes(CLOSED_MARKER) ? body : `${body.replace(/\s+$/, '')}\n${CLOSED_MARKER}\n`;
}
