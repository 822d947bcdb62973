/**
 * The post-incident review section that `opsbook review ID` writes into a ticket's body: the
 * headings of docs/reviews.md, filled with what the ticket already says (services, times, the
 * timeline in the organisation's zone, the action items) and a prompt where people must write.
 *
 * Ticket text is untrusted: everything taken from it is escaped so that it reads as the same
 * text and never becomes raw HTML, a link, an image or table structure.
 */

import { Temporal } from 'temporal-polyfill';
import { effectivePriority, type PriorityMatrix } from '../derive/priority.ts';
import { instantMs, pad2 } from '../model/time.ts';
import type { OpsbookConfig, Ticket } from '../model/types.ts';
import { escapeMarkdownInline } from './escape.ts';

const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  'web-form': 'the web form',
  phone: 'phone',
  email: 'e-mail',
  chat: 'chat',
  'walk-in': 'walk-in',
  monitoring: 'a monitoring alert',
  social: 'social media',
};

const EFFECT_WORDS: Readonly<Record<string, string>> = {
  operational: 'operational',
  degraded_performance: 'degraded performance',
  partial_outage: 'partial outage',
  major_outage: 'major outage',
  under_maintenance: 'under maintenance',
};

function zoned(iso: string, zone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instantMs(iso)).toZonedDateTimeISO(zone);
}

/** `2026-03-02 08:55` in the zone. */
function localMinute(iso: string, zone: string): string {
  const z = zoned(iso, zone);
  return `${z.toPlainDate().toString()} ${pad2(z.hour)}:${pad2(z.minute)}`;
}

/** `3 d 2 h 05 min`, `2 h 35 min`, `45 min` (wall-clock time). */
function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d} d ${h} h ${pad2(m)} min`;
  if (h > 0) return `${h} h ${pad2(m)} min`;
  return `${m} min`;
}

function todo(text: string): string {
  return `- _To be written: ${text}_`;
}

export interface ReviewSectionInput {
  ticket: Ticket;
  config: OpsbookConfig;
  /**
   * The section is, or may become, public (the ticket is on the status page, where a review is
   * published by `review.publish`): then it holds public facts only — the title, the public
   * services and their effects, the times and the public updates — and never notes, handles,
   * the customer, internal services, priority, cause, runbooks or actions.
   */
  publicOnly?: { services: ReadonlySet<string> };
}

interface TimelineRow {
  ms: number;
  iso: string;
  status: string;
  event: string;
}

function timelineRows(ticket: Ticket, publicOnly: boolean): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const entries = ticket.timeline ?? [];
  const entryTimes = new Set(entries.map((e) => instantMs(e.at)));
  const synthetic = (iso: string | undefined, event: string) => {
    if (!iso) return;
    const ms = instantMs(iso);
    if (!Number.isNaN(ms) && !entryTimes.has(ms)) rows.push({ ms, iso, status: '', event });
  };
  synthetic(ticket.detected_at, 'Detected');
  synthetic(ticket.reported_at, 'Reported');
  synthetic(ticket.acknowledged_at, 'First response to the reporter');
  synthetic(ticket.resolved_at, 'Resolved');
  for (const e of entries) {
    const parts: string[] = [];
    if (e.note && !publicOnly) parts.push(escapeMarkdownInline(e.note));
    if (e.public) parts.push(`Status page: ${escapeMarkdownInline(e.public)}`);
    let event = parts.join(' — ');
    if (e.by && !publicOnly) event += `${event ? ' ' : ''}(by ${escapeMarkdownInline(e.by)})`;
    rows.push({ ms: instantMs(e.at), iso: e.at, status: e.status ?? '', event });
  }
  // Stable: entries at the same instant keep their order; synthetic rows were added first.
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.ms - b.r.ms || a.i - b.i)
    .map((x) => x.r);
}

function timelineTable(ticket: Ticket, zone: string, publicOnly: boolean): string[] {
  const rows = timelineRows(ticket, publicOnly);
  if (rows.length === 0) return ['_The ticket has no timeline yet._'];
  const offsets = new Set(rows.map((r) => zoned(r.iso, zone).offset));
  const single = offsets.size === 1 ? [...offsets][0] : null;
  const header = single ? `time (${zone}, UTC${single})` : `time (${zone})`;
  const out = [`| ${header} | status | event |`, '|---|---|---|'];
  for (const r of rows) {
    const time = single
      ? localMinute(r.iso, zone)
      : `${localMinute(r.iso, zone)} ${zoned(r.iso, zone).offset}`;
    out.push(`| ${time} | ${escapeMarkdownInline(r.status)} | ${r.event} |`.replace(/ {2,}\|/g, ' |'));
  }
  return out;
}

function serviceList(ticket: Ticket, config: OpsbookConfig, shown?: ReadonlySet<string>): string | null {
  const refs = (ticket.services ?? []).filter(
    (ref) => !shown || shown.has(typeof ref === 'string' ? ref : ref.id),
  );
  if (refs.length === 0) return null;
  return refs
    .map((ref) => {
      const id = typeof ref === 'string' ? ref : ref.id;
      const effect = typeof ref === 'string' ? undefined : ref.effect;
      const known = Object.hasOwn(config.services, id) ? config.services[id] : undefined;
      const name = known ? escapeMarkdownInline(known.name) : escapeMarkdownInline(id);
      const details = [`\`${id.replace(/`/g, '')}\``];
      if (effect) details.push(EFFECT_WORDS[effect] ?? escapeMarkdownInline(effect));
      return `${name} (${details.join(', ')})`;
    })
    .join(', ');
}

function actionLine(action: NonNullable<Ticket['actions']>[number]): string {
  const done = action.done === true || typeof action.done === 'string';
  const details: string[] = [];
  if (action.owner) details.push(`owner: ${escapeMarkdownInline(action.owner)}`);
  if (action.due) details.push(`due ${action.due}`);
  if (typeof action.done === 'string') details.push(`done ${action.done}`);
  return `- [${done ? 'x' : ' '}] ${escapeMarkdownInline(action.title)}${details.length ? ` (${details.join(', ')})` : ''}`;
}

/** The section's lines (without line ends), starting with `## Summary`. */
export function reviewSectionLines({ ticket, config, publicOnly }: ReviewSectionInput): string[] {
  const internal = publicOnly === undefined;
  const zone = config.organization.timezone;
  const at = (iso: string) => localMinute(iso, zone);
  const priority = effectivePriority(ticket, config.priority?.matrix as PriorityMatrix | undefined);
  const lines: string[] = [];
  const section = (heading: string, body: string[]) => lines.push(`## ${heading}`, '', ...body, '');

  const what = [internal ? priority : null, ticket.kind.replace('-', ' ')].filter(Boolean).join(' ');
  section('Summary', [
    `${ticket.id}: ${escapeMarkdownInline(ticket.title)} (${what}).`,
    '',
    '_To be written: what happened, whom it affected and for how long, in two or three sentences._',
  ]);

  const impact: string[] = [];
  const services = serviceList(ticket, config, publicOnly?.services);
  if (services) impact.push(`- Services: ${services}`);
  if (ticket.customer && internal) {
    const customer = Object.hasOwn(config.customers ?? {}, ticket.customer)
      ? config.customers?.[ticket.customer]?.name
      : undefined;
    impact.push(`- Customer: ${escapeMarkdownInline(customer ?? ticket.customer)}`);
  }
  if (priority && internal) {
    const levels =
      ticket.impact && ticket.urgency ? ` (impact ${ticket.impact}, urgency ${ticket.urgency})` : '';
    impact.push(`- Priority: ${priority}${levels}`);
  }
  const start = ticket.detected_at ?? ticket.reported_at;
  if (ticket.resolved_at) {
    const span = formatSpan(instantMs(ticket.resolved_at) - instantMs(start));
    const from = ticket.detected_at ? 'detection' : 'report';
    impact.push(
      `- From ${at(start)} to ${at(ticket.resolved_at)} (${zone}): ${span} from ${from} to resolution`,
    );
  } else {
    impact.push(`- Since ${at(start)} (${zone}); not resolved yet`);
  }
  impact.push(todo('who could not do what, for how long; data lost; deadlines or money at stake.'));
  section('Impact', impact);

  const causes: string[] = [];
  if (!internal) {
    // Cause, problem, change, runbooks, channel and actions are internal fields.
  } else if (ticket.cause) causes.push(`- Cause: ${escapeMarkdownInline(ticket.cause)}`);
  if (internal && ticket.avoidable !== undefined)
    causes.push(`- Avoidable: ${ticket.avoidable ? 'yes' : 'no'}`);
  if (internal && ticket.problem) causes.push(`- Problem record: ${escapeMarkdownInline(ticket.problem)}`);
  causes.push(todo('why it happened; ask "why?" until you reach causes you can act on.'));
  section('Root causes', causes);

  const trigger: string[] = [];
  if (internal && ticket.caused_by_change)
    trigger.push(`- Change: ${escapeMarkdownInline(ticket.caused_by_change)}`);
  trigger.push(todo('the event that set it off (a change, an update, a failure, a load peak).'));
  section('Trigger', trigger);

  const resolution: string[] = [];
  if (ticket.resolved_at) resolution.push(`- Resolved ${at(ticket.resolved_at)} (${zone})`);
  if (internal && ticket.runbooks && ticket.runbooks.length > 0) {
    resolution.push(`- Runbooks: ${ticket.runbooks.map((r) => escapeMarkdownInline(r)).join(', ')}`);
  }
  resolution.push(todo('what restored the service, and how it was verified.'));
  section('Resolution', resolution);

  const detection: string[] = [];
  const channel =
    internal && ticket.channel
      ? ` through ${CHANNEL_WORDS[ticket.channel] ?? escapeMarkdownInline(ticket.channel)}`
      : '';
  if (ticket.detected_at) detection.push(`- Detected ${at(ticket.detected_at)} (${zone})`);
  detection.push(`- Reported ${at(ticket.reported_at)} (${zone})${channel}`);
  if (ticket.acknowledged_at) {
    const span = formatSpan(instantMs(ticket.acknowledged_at) - instantMs(ticket.reported_at));
    detection.push(`- First response ${at(ticket.acknowledged_at)} (${zone}), ${span} after the report`);
  }
  detection.push(todo('who noticed first (monitoring, staff, customer), and how we could notice sooner.'));
  section('Detection', detection);

  section('What went well', [todo('what helped.')]);
  section('What went wrong', [todo('what made it worse or slower.')]);
  section('Where we got lucky', [todo('what could easily have gone worse.')]);
  section('Timeline', timelineTable(ticket, zone, !internal));

  const actions = internal ? (ticket.actions ?? []).map(actionLine) : [];
  if (internal && ticket.prevention)
    actions.push(`- Prevention noted on the ticket: ${escapeMarkdownInline(ticket.prevention)}`);
  if (actions.length === 0) actions.push(todo('follow-up actions, each with an owner and a due date.'));
  actions.push(
    '',
    '_Keep the follow-up work in `actions` in the frontmatter (title, owner, due, done): `opsbook review --check` follows it up._',
  );
  section('Action items', actions);
  lines.pop();
  return lines;
}
