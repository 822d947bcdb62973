/**
 * Consistency rules for one ticket (docs/file-formats.md), beyond what its JSON Schema says.
 * Pure: the ticket, the configuration and the sets of known IDs in, findings out.
 */
import type { RuleFinding } from '../load/rule-finding.ts';
import type { DocPath } from '../load/yaml.ts';
import { idFromPath, KIND_BY_PREFIX, PREFIX_BY_KIND, parseTicketId, TICKET_ID } from '../model/ids.ts';
import { MAINTENANCE_ONLY_STATUSES, OPEN_STATUSES, resolutionStatus } from '../model/lifecycle.ts';
import { instantMs } from '../model/time.ts';
import type { OpsbookConfig, Ticket, TicketRecord } from '../model/types.ts';
import { bidiBodyFindings, bidiFieldFindings } from './bidi-controls.ts';
import { rawHtmlFindings } from './markdown-html.ts';
import { findReviewHeading } from './review-edit.ts';
import { publicServiceIds, statusPageOutlook } from './status-page-outlook.ts';

export interface TicketRuleContext {
  config: OpsbookConfig | null;
  /** Every ticket ID in the repository (read from file names). */
  ticketIds: ReadonlySet<string>;
  /** Every runbook ID in the repository (read from file names). */
  runbookIds: ReadonlySet<string>;
}

/** The service ids a ticket names, whichever form each entry has. */
export function serviceIds(ticket: Ticket): string[] {
  return (ticket.services ?? []).map((s) => (typeof s === 'string' ? s : s.id));
}

export function checkTicket(record: TicketRecord, ctx: TicketRuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const t = record.data;
  const file = record.file;
  const error = (code: string, path: DocPath, message: string, at: 'key' | 'value' = 'value') =>
    findings.push({ file, code, severity: 'error', path, at, message });
  const warning = (code: string, path: DocPath, message: string, at: 'key' | 'value' = 'value') =>
    findings.push({ file, code, severity: 'warning', path, at, message });

  // Identity: the file name is the ID, the folder its year, the prefix its kind.
  const fileId = idFromPath(file);
  if (t.id !== fileId)
    error('id/file-name', ['id'], `id "${t.id}" differs from the file name "${fileId}.md"`);
  const parsed = parseTicketId(t.id);
  if (parsed) {
    const folder = file.split('/')[1];
    if (folder !== String(parsed.year)) {
      error(
        'id/folder-year',
        ['id'],
        `${t.id} belongs in incidents/${parsed.year}/, not incidents/${folder}/`,
      );
    }
    if (KIND_BY_PREFIX[parsed.prefix] !== t.kind) {
      error(
        'id/kind-prefix',
        ['kind'],
        `kind "${t.kind}" needs an ID starting with ${PREFIX_BY_KIND[t.kind]}-, not ${parsed.prefix}-`,
      );
    }
  }

  // Statuses that belong to maintenance only.
  if (t.kind !== 'maintenance') {
    if (MAINTENANCE_ONLY_STATUSES.has(t.status)) {
      error(
        'status/kind',
        ['status'],
        `status "${t.status}" is for maintenance only, not for ${t.kind === 'incident' ? 'an' : 'a'} ${t.kind}`,
      );
    }
    (t.timeline ?? []).forEach((entry, i) => {
      if (entry.status && MAINTENANCE_ONLY_STATUSES.has(entry.status)) {
        error('status/kind', ['timeline', i, 'status'], `status "${entry.status}" is for maintenance only`);
      }
    });
  }

  checkPriority(t, ctx.config, error);
  checkTimes(t, error, warning);
  checkTimeline(t, error, warning);
  checkReferences(t, ctx, error, warning);
  if (ctx.config) checkStatusPage(t, publicServiceIds(ctx.config), warning);

  findings.push(...rawHtmlFindings(record, 'ticket', 'use Markdown, or put it in a code span'));
  findings.push(...publicTextFindings(record));
  return findings;
}

type Report = (code: string, path: DocPath, message: string, at?: 'key' | 'value') => void;

function checkPriority(t: Ticket, config: OpsbookConfig | null, error: Report): void {
  if (!config || !t.priority || !t.impact || !t.urgency) return;
  const expected = config.priority.matrix[t.impact]?.[t.urgency];
  if (expected && expected !== t.priority && !t.priority_reason) {
    error(
      'priority/matrix',
      ['priority'],
      `priority ${t.priority} differs from the matrix (impact ${t.impact} × urgency ${t.urgency} = ${expected}); add priority_reason or remove priority`,
    );
  }
}

const TIME_ORDER = ['detected_at', 'reported_at', 'acknowledged_at', 'resolved_at', 'closed_at'] as const;

function checkTimes(t: Ticket, error: Report, warning: Report): void {
  let latest: { field: string; ms: number; value: string } | null = null;
  for (const field of TIME_ORDER) {
    const value = t[field];
    if (!value) continue;
    const ms = instantMs(value);
    if (Number.isNaN(ms)) {
      error('time/invalid', [field], `${field} "${value}" is not a valid instant`);
      continue;
    }
    if (latest && ms < latest.ms) {
      error(
        'times/order',
        [field],
        `${field} (${value}) is before ${latest.field} (${latest.value}); times never run backwards`,
      );
    }
    if (!latest || ms >= latest.ms) latest = { field, ms, value };
  }
  if (t.kind === 'maintenance' && t.scheduled_for && t.scheduled_until) {
    if (instantMs(t.scheduled_until) <= instantMs(t.scheduled_for)) {
      error(
        'maintenance/window-order',
        ['scheduled_until'],
        `the maintenance window ends (${t.scheduled_until}) before it starts (${t.scheduled_for})`,
      );
    }
  }
  const resolution = resolutionStatus(t.kind);
  if ((t.status === resolution || t.status === 'closed') && !t.resolved_at) {
    error('status/resolved-at', ['status'], `status is "${t.status}" but resolved_at is missing`, 'key');
  }
  if (OPEN_STATUSES.has(t.status) && t.resolved_at) {
    error(
      'status/resolved-at',
      ['resolved_at'],
      `resolved_at is set but the status is "${t.status}"; remove it when a ticket is reopened`,
      'key',
    );
  }
  if (t.status === 'closed' && !t.closed_at) {
    warning('status/closed-at', ['status'], 'status is "closed" but closed_at is missing', 'key');
  }
}

function checkTimeline(t: Ticket, error: Report, warning: Report): void {
  const timeline = t.timeline ?? [];
  if (timeline.length === 0) return;
  let previous = Number.NEGATIVE_INFINITY;
  let previousAt = '';
  timeline.forEach((entry, i) => {
    const ms = instantMs(entry.at);
    if (ms < previous) {
      error(
        'timeline/order',
        ['timeline', i, 'at'],
        `timeline entry ${i + 1} (${entry.at}) is before the entry above it (${previousAt})`,
      );
    }
    if (ms >= previous) {
      previous = ms;
      previousAt = entry.at;
    }
  });
  const start = Math.min(
    ...[t.detected_at, t.reported_at].filter((v): v is string => Boolean(v)).map(instantMs),
  );
  const first = timeline[0];
  if (first && instantMs(first.at) < start) {
    error(
      'timeline/before-start',
      ['timeline', 0, 'at'],
      `the timeline starts (${first.at}) before the ticket was detected or reported`,
    );
  }

  const withStatus = timeline.map((entry, index) => ({ entry, index })).filter((e) => e.entry.status);
  const last = withStatus[withStatus.length - 1];
  if (last && last.entry.status !== t.status) {
    error(
      'timeline/status',
      ['status'],
      `status is "${t.status}" but the timeline's last status entry (${last.entry.at}) sets "${last.entry.status}"`,
    );
  }
  const agree = (field: 'resolved_at' | 'closed_at', status: string) => {
    const value = t[field];
    const setting = withStatus.filter((e) => e.entry.status === status).pop();
    if (value && setting && instantMs(setting.entry.at) !== instantMs(value)) {
      error(
        `timeline/${field.replace('_at', '')}-at`,
        [field],
        `${field} is ${value} but the timeline sets "${status}" at ${setting.entry.at}`,
      );
    }
  };
  agree('resolved_at', resolutionStatus(t.kind));
  agree('closed_at', 'closed');

  if (t.kind !== 'maintenance') {
    const started = withStatus.find((e) => e.entry.status !== 'new');
    if (started && t.acknowledged_at && instantMs(t.acknowledged_at) > instantMs(started.entry.at)) {
      error(
        'timeline/acknowledged-at',
        ['acknowledged_at'],
        `acknowledged_at (${t.acknowledged_at}) is after the first status change ("${started.entry.status}" at ${started.entry.at})`,
      );
    }
    if (started && !t.acknowledged_at && started.entry.status !== 'cancelled') {
      warning(
        'timeline/acknowledged-missing',
        ['timeline', started.index, 'status'],
        `work started at ${started.entry.at} but acknowledged_at is missing, so the response clock keeps running`,
      );
    }
  }
}

/** Where the status page would mislead its readers (docs/status-page.md). */
function checkStatusPage(t: Ticket, publicServices: ReadonlySet<string>, warning: Report): void {
  const outlook = statusPageOutlook(t, publicServices);
  if (outlook.missingEffect) {
    warning(
      'status-page/no-effect',
      ['services'],
      'an open incident with impact high on a public service, but no service has an effect: the status page says all is operational (give the service an effect, e.g. `opsbook update ID --effect SERVICE=major_outage`)',
      'key',
    );
  }
  if (outlook.missingPublicText) {
    warning(
      'status-page/no-public-text',
      ['timeline'],
      'published with an effect on a public service but no public text: readers see the outage with no words (add one with `opsbook update ID --public TEXT`)',
      'key',
    );
  }
}

function checkReferences(t: Ticket, ctx: TicketRuleContext, error: Report, warning: Report): void {
  const config = ctx.config;
  if (config) {
    (t.services ?? []).forEach((s, i) => {
      const id = typeof s === 'string' ? s : s.id;
      if (!Object.hasOwn(config.services, id)) {
        error(
          'ref/service',
          typeof s === 'string' ? ['services', i] : ['services', i, 'id'],
          `unknown service "${id}" (not in opsbook.yaml services)`,
        );
      }
    });
    if (t.customer && !Object.hasOwn(config.customers ?? {}, t.customer)) {
      error('ref/customer', ['customer'], `unknown customer "${t.customer}" (not in opsbook.yaml customers)`);
    }
    if (t.team && config.teams && !Object.hasOwn(config.teams, t.team)) {
      error('ref/team', ['team'], `unknown team "${t.team}" (not in opsbook.yaml teams)`);
    }
  }
  const ticketRef = (path: DocPath, id: string) => {
    if (!ctx.ticketIds.has(id)) error('ref/ticket', path, `no ticket ${id} in this repository`);
  };
  if (t.duplicate_of) {
    if (t.duplicate_of === t.id)
      error('duplicate/self', ['duplicate_of'], 'a ticket cannot be a duplicate of itself');
    else ticketRef(['duplicate_of'], t.duplicate_of);
  }
  if (t.problem) {
    if (!t.problem.startsWith('PRB-'))
      error(
        'ref/problem-kind',
        ['problem'],
        `problem must name a problem record (PRB-...), not ${t.problem}`,
      );
    else ticketRef(['problem'], t.problem);
  }
  (t.related ?? []).forEach((id, i) => {
    if (id === t.id) warning('ref/self', ['related', i], 'a ticket is not related to itself');
    else ticketRef(['related', i], id);
  });
  if (t.caused_by_change && TICKET_ID.test(t.caused_by_change))
    ticketRef(['caused_by_change'], t.caused_by_change);
  (t.runbooks ?? []).forEach((id, i) => {
    if (!ctx.runbookIds.has(id)) error('ref/runbook', ['runbooks', i], `no runbook "${id}" in runbooks/`);
  });
}

/** Bidirectional controls in what the public site may show: the title, public updates, the review. */
function publicTextFindings(record: TicketRecord): RuleFinding[] {
  const t = record.data;
  const fields = [
    { path: ['title'], text: t.title },
    ...(t.timeline ?? []).map((entry, i) => ({ path: ['timeline', i, 'public'], text: entry.public })),
  ];
  const findings = bidiFieldFindings(record.file, fields);
  // The review is checked whether or not it is published yet: publishing only flips a flag.
  const review = findReviewHeading(record.body);
  if (review !== null) findings.push(...bidiBodyFindings(record, review, 'the post-incident review'));
  return findings;
}
