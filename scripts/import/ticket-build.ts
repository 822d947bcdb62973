/**
 * An imported ticket as Opsbook frontmatter that passes validation: a chronological timeline
 * whose last status is the ticket's, resolved_at and closed_at equal to the entries that set
 * them, acknowledged_at at the first status change. Where the source lacks a time the rules
 * need, the one used is said in a timeline note; where nothing fits, the record is refused.
 */
import { localIso } from '../lib/args.ts';
import { resolutionStatus } from '../model/lifecycle.ts';
import type { OpsbookConfig, TicketStatus } from '../model/types.ts';
import { type ImportedEntry, type ImportedTicket, UnmappableValue } from './model.ts';

// Bidirectional controls could reorder public text on the status page; they are dropped.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const TITLE_MAX = 200;

/** The frontmatter fields the import owns; any other field of an existing ticket is kept. */
export const IMPORTED_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'title',
  'kind',
  'status',
  'impact',
  'urgency',
  'priority',
  'priority_reason',
  'services',
  'ci',
  'customer',
  'channel',
  'reported_by',
  'assignee',
  'team',
  'reported_at',
  'acknowledged_at',
  'resolved_at',
  'closed_at',
  'scheduled_for',
  'scheduled_until',
  'timeline',
  'category',
  'x-source',
]);

/** The timeline with the entries Opsbook's rules need, sorted (entries at one instant keep their order). */
function completeTimeline(t: ImportedTicket): ImportedEntry[] {
  const entries = t.timeline.map((e, order) => ({ ...e, order }));
  const sort = () => entries.sort((a, b) => a.at - b.at || a.order - b.order);
  sort();
  let order = entries.length;
  const statusEntries = () => entries.filter((e) => e.status !== undefined);
  const first = entries[0];
  if (first && first.at < t.reportedAt) t.reportedAt = first.at;
  if (
    !statusEntries().some((e) => e.at === t.reportedAt) &&
    (first === undefined || first.at > t.reportedAt)
  ) {
    entries.unshift({ at: t.reportedAt, status: t.kind === 'maintenance' ? 'scheduled' : 'new', order: -1 });
  }
  const resolution = resolutionStatus(t.kind);
  const ended = t.status === resolution || t.status === 'closed';
  if (ended && !entries.some((e) => e.status === resolution)) {
    let at = t.resolvedAt;
    let note: string | undefined;
    if (at === undefined && t.closedAt !== undefined) {
      at = t.closedAt;
      note = `The export has no ${resolution} time; ${resolution} at the closing time.`;
    }
    if (at === undefined)
      throw new UnmappableValue('resolved', `status ${t.status} but no ${resolution} or closed time`);
    entries.push({ at, status: resolution, ...(note ? { note } : {}), order: order++ });
  }
  if (t.status === 'closed' && !entries.some((e) => e.status === 'closed')) {
    const at = t.closedAt ?? t.updatedAt;
    if (at === undefined) throw new UnmappableValue('closed', 'status closed but no closed time');
    entries.push({ at, status: 'closed', order: order++ });
  }
  sort();
  const statuses = statusEntries();
  const last = statuses[statuses.length - 1];
  if (last?.status !== t.status) {
    const latest = entries[entries.length - 1]?.at ?? t.reportedAt;
    const at = Math.max(t.updatedAt ?? t.closedAt ?? latest, latest);
    entries.push({ at, status: t.status, order: order++ });
  }
  return entries.map(({ order: _, ...e }) => e);
}

function cleanPublic(text: string): string {
  return text.replace(BIDI, '');
}

function title(text: string): string {
  const clean = cleanPublic(text).replace(/\s+/g, ' ').trim();
  if (!clean) throw new UnmappableValue('title', 'the record has no title');
  return clean.length <= TITLE_MAX ? clean : `${clean.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/** The frontmatter of an imported ticket with the given ID, times in `zone`. */
export function ticketData(t: ImportedTicket, id: string, config: OpsbookConfig): Record<string, unknown> {
  const zone = config.organization.timezone;
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : localIso(ms, zone));
  if (t.kind !== 'maintenance' && (!t.impact || !t.urgency))
    throw new UnmappableValue(
      t.impact ? 'urgency' : 'impact',
      'the record gives neither impact and urgency nor a priority (set defaults in the map)',
    );
  const timeline = completeTimeline(t);
  const statuses = timeline.filter((e) => e.status !== undefined);
  const lastAt = (status: TicketStatus) => statuses.filter((e) => e.status === status).pop()?.at;
  const resolution = resolutionStatus(t.kind);
  const ended = t.status === resolution || t.status === 'closed';
  const started =
    t.kind === 'maintenance'
      ? undefined
      : statuses.find((e) => e.status !== 'new' && e.status !== 'cancelled');
  const acknowledged =
    started && statuses.find((e) => e.status !== 'new') === started ? started.at : undefined;
  const matrixPriority = t.impact && t.urgency ? config.priority.matrix[t.impact]?.[t.urgency] : undefined;
  const priority = t.priority && t.priority.value !== matrixPriority ? t.priority : undefined;
  const data: Record<string, unknown> = {
    id,
    title: title(t.title),
    kind: t.kind,
    status: t.status,
    impact: t.impact,
    urgency: t.urgency,
    priority: priority?.value,
    priority_reason: priority ? `Priority in ${t.source.system}: ${priority.source}` : undefined,
    services: t.services.length
      ? t.services.map((s) => (s.effect ? { id: s.id, effect: s.effect } : s.id))
      : undefined,
    ci: t.ci,
    customer: t.customer,
    channel: t.channel,
    reported_by: t.reportedBy,
    assignee: t.assignee,
    team: t.team,
    reported_at: iso(t.reportedAt),
    acknowledged_at: iso(acknowledged),
    resolved_at: ended ? iso(lastAt(resolution)) : undefined,
    closed_at: t.status === 'closed' ? iso(lastAt('closed')) : undefined,
    scheduled_for: iso(t.scheduledFor),
    scheduled_until: iso(t.scheduledUntil),
    timeline: timeline.map((e) => ({
      at: iso(e.at),
      ...(e.status ? { status: e.status } : {}),
      ...(e.public?.trim() ? { public: cleanPublic(e.public.trim()) } : {}),
      ...(e.note?.trim() ? { note: e.note.trim() } : {}),
      ...(e.by?.trim() ? { by: e.by.trim() } : {}),
    })),
    category: t.category,
    review: t.publishedReview ? { required: true, done: true, publish: true } : undefined,
    'x-source': { system: t.source.system, id: t.source.id, ...(t.source.url ? { url: t.source.url } : {}) },
  };
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return data;
}

/** Markdown from imported text: raw HTML is shown as text, never rendered. */
function escapedMarkdown(text: string | undefined): string {
  if (!text?.trim()) return '';
  return `${text.replace(/\r\n?/g, '\n').trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}\n`;
}

/** The body of a new ticket: the description, or the published review under its heading. */
export function markdownBody(t: ImportedTicket): string {
  if (!t.publishedReview) return escapedMarkdown(t.body);
  const text = escapedMarkdown(t.body) || 'The review was published on the former status page.\n';
  return `## Post-incident review\n\n${text}`;
}
