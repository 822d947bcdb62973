/**
 * A cState site: the systems of `config.yml` (`params.systems`, grouped by their category) and
 * the issues in `content/issues/*.md`, whose updates are paragraphs `*Label* - text
 * {{< track "2018-05-25 04:40:00" >}}` under the front matter.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA, load } from 'js-yaml';
import { slugify } from '../derive/next-id.ts';
import { ExitError } from '../lib/errors.ts';
import { splitFrontmatter } from '../load/frontmatter.ts';
import type { ServiceEffect } from '../model/schema-types.generated.ts';
import type { TicketStatus } from '../model/types.ts';
import { refId } from './csv-fields.ts';
import type { Mapper } from './map-file.ts';
import {
  emptyCatalogue,
  type ImportedEntry,
  type ImportedTicket,
  type SourceResult,
  UnmappableValue,
} from './model.ts';

/** cState's front matter and track times: UTC wall-clock times, as cState asks for them. */
export const CSTATE_DATE_FORMAT = 'yyyy-MM-dd HH:mm:ss';

const SEVERITY: Record<
  string,
  { effect?: ServiceEffect; impact: 'high' | 'medium' | 'low'; urgency: 'high' | 'medium' | 'low' }
> = {
  down: { effect: 'major_outage', impact: 'high', urgency: 'high' },
  disrupted: { effect: 'partial_outage', impact: 'high', urgency: 'medium' },
  notice: { impact: 'low', urgency: 'low' },
};
const INCIDENT_LABELS: Record<string, TicketStatus> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
};
const MAINTENANCE_LABELS: Record<string, TicketStatus> = {
  scheduled: 'scheduled',
  'in progress': 'in-progress',
  'just began': 'in-progress',
  started: 'in-progress',
  monitoring: 'monitoring',
  completed: 'completed',
  resolved: 'completed',
};
const TRACK = /\{\{<\s*track\s+"([^"]+)"\s*>\}\}/;
const LABEL = /^\*([^*\n]+)\*\s*[-–—:]?\s*/;

interface System {
  name?: unknown;
  description?: unknown;
  category?: unknown;
}

export async function readCState(dir: string, mapper: Mapper): Promise<SourceResult> {
  const configPath = ['config.yml', 'config.yaml'].map((f) => join(dir, f)).find((p) => existsSync(p));
  const issuesDir = join(dir, 'content', 'issues');
  if (!configPath && !existsSync(issuesDir))
    throw new ExitError(`${dir}: no config.yml and no content/issues/ (a cState site's folder)`);
  const result: SourceResult = { tickets: [], catalogue: emptyCatalogue(), problems: [] };
  let baseUrl: string | undefined;
  if (configPath) {
    let config: { baseURL?: unknown; params?: { systems?: unknown } } = {};
    try {
      config = (load(readFileSync(configPath, 'utf8'), { schema: JSON_SCHEMA }) ?? {}) as typeof config;
    } catch (error) {
      throw new ExitError(`config.yml: not valid YAML (${(error as Error).message.split('\n')[0]})`);
    }
    if (typeof config.baseURL === 'string') baseUrl = config.baseURL.replace(/\/+$/, '');
    const systems = Array.isArray(config.params?.systems)
      ? (config.params.systems as (System | string)[])
      : [];
    for (const s of systems) {
      const system = typeof s === 'string' ? { name: s } : s;
      if (typeof system.name !== 'string') continue;
      const group = typeof system.category === 'string' ? slugify(system.category) || 'public' : 'public';
      const description = typeof system.description === 'string' ? system.description : undefined;
      refId(mapper, result.catalogue, 'services', 'service', system.name, {
        group,
        public: true,
        ...(description ? { description } : {}),
      });
    }
  }
  const files = existsSync(issuesDir)
    ? readdirSync(issuesDir)
        .filter((f) => f.endsWith('.md') && f !== '_index.md')
        .sort()
    : [];
  for (const name of files) {
    const where = `content/issues/${name}`;
    const id = name.slice(0, -3);
    try {
      result.tickets.push(
        issueTicket(readFileSync(join(issuesDir, name), 'utf8'), id, where, baseUrl, mapper, result),
      );
    } catch (error) {
      if (!(error instanceof UnmappableValue)) throw error;
      result.problems.push({ where, id, field: error.field, message: error.message });
    }
  }
  return result;
}

function issueTicket(
  text: string,
  id: string,
  where: string,
  baseUrl: string | undefined,
  mapper: Mapper,
  result: SourceResult,
): ImportedTicket {
  const split = splitFrontmatter(text.replace(/\r\n?/g, '\n'));
  if (!split.ok) throw new UnmappableValue('front matter', split.message);
  let front: Record<string, unknown>;
  try {
    front = (load(split.yaml, { schema: JSON_SCHEMA }) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new UnmappableValue('front matter', `not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const str = (key: string) =>
    typeof front[key] === 'string' || typeof front[key] === 'number' ? String(front[key]) : undefined;
  const date = mapper.date('date', str('date'));
  if (date === undefined) throw new UnmappableValue('date', 'no date');
  const severityName = str('severity') ?? 'disrupted';
  const severity = SEVERITY[mapper.translate('state', severityName) ?? severityName];
  if (!severity)
    throw new UnmappableValue('severity', `unknown severity "${severityName}" (down, disrupted or notice)`);
  const resolved = front.resolved === true || front.resolved === 'true';
  const resolvedWhen = mapper.date('resolvedWhen', str('resolvedWhen'));
  // A notice with an end is planned work; cState has no other way to write maintenance.
  const maintenance = severityName === 'notice' && resolvedWhen !== undefined && resolvedWhen > date;
  const labels = maintenance ? MAINTENANCE_LABELS : INCIDENT_LABELS;

  const timeline: ImportedEntry[] = [];
  const description: string[] = [];
  for (const paragraph of split.body.split(/\n\s*\n/)) {
    const track = TRACK.exec(paragraph);
    if (!track?.[1]) {
      if (paragraph.trim()) description.push(paragraph.trim());
      continue;
    }
    const at = mapper.date('track', track[1]);
    if (at === undefined) continue;
    let body = paragraph.replace(TRACK, '').trim();
    const label = LABEL.exec(body);
    const status = label?.[1] ? labels[label[1].trim().toLowerCase()] : undefined;
    if (label && status) body = body.slice(label[0].length).trim();
    timeline.push({ at, ...(status ? { status } : {}), ...(body ? { public: body } : {}) });
  }
  const last = timeline.filter((e) => e.status).pop()?.status;
  const status: TicketStatus = maintenance
    ? resolved
      ? 'completed'
      : (last ?? 'scheduled')
    : resolved
      ? 'resolved'
      : last && last !== 'resolved'
        ? last
        : 'investigating';
  const affected = Array.isArray(front.affected)
    ? front.affected.filter((a): a is string => typeof a === 'string')
    : [];
  const effect = maintenance ? 'under_maintenance' : severity.effect;
  const services = [
    ...new Set(
      affected.map((name) =>
        refId(mapper, result.catalogue, 'services', 'service', name, { group: 'public', public: true }),
      ),
    ),
  ];
  return {
    source: { system: 'cstate', id, ...(baseUrl ? { url: `${baseUrl}/issues/${id}/` } : {}) },
    where,
    kind: maintenance ? 'maintenance' : 'incident',
    title: str('title') ?? '',
    status,
    ...(maintenance ? {} : { impact: severity.impact, urgency: severity.urgency }),
    services: services.map((s) => (effect ? { id: s, effect } : { id: s })),
    reportedAt: Math.min(date, ...timeline.map((e) => e.at)),
    resolvedAt: resolved ? resolvedWhen : undefined,
    updatedAt: Math.max(date, ...timeline.map((e) => e.at)),
    ...(maintenance ? { scheduledFor: date, scheduledUntil: resolvedWhen } : {}),
    timeline,
    body: description.join('\n\n') || undefined,
  };
}
