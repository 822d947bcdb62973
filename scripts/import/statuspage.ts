/**
 * A Statuspage page through its public API v2 documents, saved in a folder (`summary.json`,
 * `components.json`, `incidents.json`, `scheduled-maintenances.json`, or the same below
 * `api/v2/`): components become public services (their groups kept), incidents and maintenances
 * tickets with their public updates, statuses, impacts, affected components and times.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { slugify } from '../derive/next-id.ts';
import { ExitError } from '../lib/errors.ts';
import type { ServiceEffect } from '../model/schema-types.generated.ts';
import type { TicketStatus } from '../model/types.ts';
import { refId } from './csv-fields.ts';
import { parseIsoInstant } from './dates.ts';
import type { Mapper } from './map-file.ts';
import {
  emptyCatalogue,
  type ImportedEntry,
  type ImportedTicket,
  type SourceResult,
  UnmappableValue,
} from './model.ts';
import { STATUSPAGE_DOCUMENTS } from './statuspage-fetch.ts';

const FILES = STATUSPAGE_DOCUMENTS;

const INCIDENT_STATUS: Record<string, TicketStatus> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: 'resolved',
};
const MAINTENANCE_STATUS: Record<string, TicketStatus> = {
  scheduled: 'scheduled',
  in_progress: 'in-progress',
  verifying: 'monitoring',
  completed: 'completed',
};
const EFFECTS: ReadonlySet<string> = new Set([
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
]);
const SEVERITY = ['under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];
/** Statuspage's impact as Opsbook's impact and urgency (the pair the usual matrix makes P1..P4). */
const LEVELS: Record<string, ['high' | 'medium' | 'low', 'high' | 'medium' | 'low']> = {
  critical: ['high', 'high'],
  major: ['high', 'medium'],
  minor: ['medium', 'medium'],
  none: ['low', 'low'],
};

interface Component {
  id: string;
  name: string;
  status?: string;
  description?: string | null;
  group?: boolean;
  group_id?: string | null;
}
interface Update {
  status?: string;
  body?: string;
  created_at?: string;
  display_at?: string;
  affected_components?: { code?: string; name?: string; new_status?: string }[] | null;
}
interface Incident {
  id?: string;
  name?: string;
  status?: string;
  impact?: string;
  created_at?: string;
  resolved_at?: string | null;
  updated_at?: string | null;
  shortlink?: string;
  postmortem_body?: string | null;
  scheduled_for?: string | null;
  scheduled_until?: string | null;
  incident_updates?: Update[];
  components?: Component[];
}

/** The folder holding the documents: DIR itself or DIR/api/v2. */
function apiFolder(dir: string): string {
  const nested = join(dir, 'api', 'v2');
  return FILES.some((f) => existsSync(join(dir, f))) || !existsSync(nested) ? dir : nested;
}

function readJson(folder: string, name: string): Record<string, unknown> | undefined {
  const path = join(folder, name);
  if (!existsSync(path)) return undefined;
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
    return data as Record<string, unknown>;
  } catch (error) {
    throw new ExitError(`${name}: not a Statuspage API document (${(error as Error).message})`);
  }
}

function list<T>(doc: Record<string, unknown> | undefined, key: string): T[] {
  const value = doc?.[key];
  return Array.isArray(value) ? (value as T[]) : [];
}

export async function readStatuspage(dir: string, mapper: Mapper): Promise<SourceResult> {
  const folder = apiFolder(dir);
  const docs = Object.fromEntries(FILES.map((f) => [f, readJson(folder, f)]));
  if (!FILES.some((f) => docs[f]))
    throw new ExitError(`${dir}: none of ${FILES.join(', ')} (a folder with the page's API v2 documents)`);
  const result: SourceResult = { tickets: [], catalogue: emptyCatalogue(), problems: [] };

  const components = [
    ...list<Component>(docs['components.json'], 'components'),
    ...list<Component>(docs['summary.json'], 'components'),
  ];
  const groups = new Map(components.filter((c) => c.group).map((c) => [c.id, slugify(c.name) || 'public']));
  // A component's id in the tickets: the map's translation of its name, else its name as a slug.
  const serviceOf = new Map<string, string>();
  for (const c of components) {
    if (c.group || serviceOf.has(c.id)) continue;
    const group = (c.group_id && groups.get(c.group_id)) || 'public';
    const extra = { group, public: true, ...(c.description ? { description: c.description } : {}) };
    serviceOf.set(c.id, refId(mapper, result.catalogue, 'services', 'service', c.name, extra));
  }

  const seen = new Set<string>();
  const read = (file: string, key: string, maintenance: boolean) => {
    list<Incident>(docs[file], key).forEach((incident, i) => {
      const where = `${file} ${key}[${i}]${incident.id ? ` (${incident.id})` : ''}`;
      if (incident.id && seen.has(incident.id)) return;
      try {
        result.tickets.push(ticketOf(incident, where, maintenance, serviceOf, result, mapper));
        if (incident.id) seen.add(incident.id);
      } catch (error) {
        if (!(error instanceof UnmappableValue)) throw error;
        result.problems.push({ where, id: incident.id, field: error.field, message: error.message });
      }
    });
  };
  read('incidents.json', 'incidents', false);
  read('summary.json', 'incidents', false);
  read('scheduled-maintenances.json', 'scheduled_maintenances', true);
  read('summary.json', 'scheduled_maintenances', true);
  return result;
}

function instant(field: string, text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const ms = parseIsoInstant(text);
  if (ms === null) throw new UnmappableValue(field, `"${text}" is not an ISO 8601 instant`);
  return ms;
}

function ticketOf(
  incident: Incident,
  where: string,
  maintenance: boolean,
  serviceOf: Map<string, string>,
  result: SourceResult,
  mapper: Mapper,
): ImportedTicket {
  if (!incident.id) throw new UnmappableValue('id', 'no id');
  const statuses = maintenance ? MAINTENANCE_STATUS : INCIDENT_STATUS;
  const statusOf = (raw: string | undefined, field: string): TicketStatus => {
    const own = raw === undefined ? null : mapper.translate('state', raw);
    const status = own ?? (raw !== undefined && Object.hasOwn(statuses, raw) ? statuses[raw] : undefined);
    if (!status)
      throw new UnmappableValue(field, `unknown status "${raw ?? ''}" (add it to values.state in the map)`);
    return status as TicketStatus;
  };
  const created = instant('created_at', incident.created_at);
  if (created === undefined) throw new UnmappableValue('created_at', 'no created_at');
  const status = statusOf(incident.status, 'status');
  const worst = new Map<string, string>();
  const timeline: ImportedEntry[] = [];
  // Updates come newest first.
  const updates = [...(incident.incident_updates ?? [])].reverse();
  updates.forEach((u, i) => {
    const at = instant(
      `incident_updates[${updates.length - 1 - i}].created_at`,
      u.display_at ?? u.created_at,
    );
    if (at === undefined)
      throw new UnmappableValue(`incident_updates[${updates.length - 1 - i}]`, 'no created_at');
    const entryStatus = statusOf(u.status, `incident_updates[${updates.length - 1 - i}].status`);
    for (const a of u.affected_components ?? []) {
      if (!a.code || !a.new_status || !EFFECTS.has(a.new_status)) continue;
      const before = worst.get(a.code);
      if (!before || SEVERITY.indexOf(a.new_status) > SEVERITY.indexOf(before))
        worst.set(a.code, a.new_status);
    }
    const previous = timeline.filter((e) => e.status).pop()?.status;
    timeline.push({
      at,
      // A postmortem after the resolution is an update, not a new status.
      ...(entryStatus !== previous || u.status !== 'postmortem' ? { status: entryStatus } : {}),
      ...(u.body?.trim() ? { public: u.body } : {}),
    });
  });
  const services: ImportedTicket['services'] = [];
  for (const c of incident.components ?? []) {
    const id =
      serviceOf.get(c.id) ??
      refId(mapper, result.catalogue, 'services', 'service', c.name, { group: 'public', public: true });
    // A maintenance's impact follows its effect (none: under maintenance only).
    const effect =
      worst.get(c.id) ??
      (maintenance
        ? (effectOfImpact(incident.impact) ?? 'under_maintenance')
        : effectOfImpact(incident.impact));
    if (!services.some((s) => s.id === id))
      services.push({ id, ...(effect ? { effect: effect as ServiceEffect } : {}) });
  }
  const levels = maintenance ? undefined : LEVELS[incident.impact ?? ''];
  if (!maintenance && !levels)
    throw new UnmappableValue('impact', `unknown impact "${incident.impact ?? ''}"`);
  return {
    source: {
      system: 'statuspage',
      id: incident.id,
      ...(incident.shortlink ? { url: incident.shortlink } : {}),
    },
    where,
    kind: maintenance ? 'maintenance' : 'incident',
    title: incident.name ?? '',
    status,
    ...(levels ? { impact: levels[0], urgency: levels[1] } : {}),
    services,
    reportedAt: created,
    resolvedAt: instant('resolved_at', incident.resolved_at),
    updatedAt: instant('updated_at', incident.updated_at),
    scheduledFor: instant('scheduled_for', incident.scheduled_for),
    scheduledUntil: instant('scheduled_until', incident.scheduled_until),
    timeline,
    ...(incident.status === 'postmortem'
      ? { publishedReview: true, body: incident.postmortem_body ?? undefined }
      : {}),
  };
}

/** Without affected components in the updates: the effect Statuspage's impact stands for. */
function effectOfImpact(impact: string | undefined): string | undefined {
  if (impact === 'critical') return 'major_outage';
  if (impact === 'major') return 'partial_outage';
  if (impact === 'minor') return 'degraded_performance';
  return undefined;
}
