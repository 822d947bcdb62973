/**
 * Reading one CSV row into ticket fields through the map: what ServiceNow and Jira share.
 */
import { slugify } from '../derive/next-id.ts';
import {
  CHANNEL_WORDS,
  CHANNELS,
  catalogueId,
  KINDS,
  LEVELS,
  LEVELS_OF_PRIORITY,
  PRIORITIES,
} from './builtins.ts';
import type { Mapper } from './map-file.ts';
import type { Catalogue, ImportedTicket } from './model.ts';

export interface Columns {
  header: readonly string[];
  of(field: Parameters<Mapper['column']>[0], defaults: readonly string[]): string | undefined;
}

export function columnsOf(mapper: Mapper, header: readonly string[]): Columns {
  return { header, of: (field, defaults) => mapper.column(field, header, defaults) };
}

/**
 * An id of opsbook.yaml for a source's name: the map's translation, else the entry of that name
 * opsbook.yaml already has, else the name as a slug (added to the catalogue).
 */
export function refId(
  mapper: Mapper,
  catalogue: Catalogue,
  section: keyof Catalogue,
  field: 'team' | 'service' | 'customer',
  raw: string,
  extra: { group?: string; public?: boolean; description?: string } = {},
): string {
  const mapped = mapper.translate(field, raw);
  if (mapped !== null) {
    if (!catalogue[section].has(mapped)) catalogue[section].set(mapped, { id: mapped, name: raw, ...extra });
    return mapped;
  }
  return mapper.knownId(section, raw) ?? catalogueId(catalogue, section, raw, extra);
}

type Levels = Pick<ImportedTicket, 'impact' | 'urgency' | 'priority'>;

/** Impact, urgency and priority from their cells, filling impact and urgency from the priority or the map's defaults. */
export function levels(
  mapper: Mapper,
  cells: { impact?: string; urgency?: string; priority?: string },
  builtin: { levels: Record<string, string>; priorities: Record<string, string> },
): Levels {
  const out: Levels = {};
  if (cells.impact) out.impact = mapper.require('impact', cells.impact, builtin.levels, LEVELS);
  if (cells.urgency) out.urgency = mapper.require('urgency', cells.urgency, builtin.levels, LEVELS);
  if (cells.priority) {
    const value = mapper.require('priority', cells.priority, builtin.priorities, PRIORITIES);
    out.priority = { value, source: cells.priority };
    const [impact, urgency] = LEVELS_OF_PRIORITY[value] ?? [];
    out.impact ??= impact;
    out.urgency ??= urgency;
  }
  out.impact ??= mapper.map.defaults?.impact;
  out.urgency ??= mapper.map.defaults?.urgency;
  return out;
}

export function channel(mapper: Mapper, raw: string | undefined): string | undefined {
  if (raw === undefined) return mapper.map.defaults?.channel;
  return mapper.require('channel', raw, CHANNEL_WORDS, CHANNELS);
}

export function kind(
  mapper: Mapper,
  raw: string | undefined,
  builtin: Record<string, string>,
): ImportedTicket['kind'] {
  if (raw === undefined) return mapper.map.defaults?.kind ?? 'incident';
  const value = mapper.translate('kind', raw, builtin);
  if (value === null) return mapper.map.defaults?.kind ?? 'incident';
  return mapper.require('kind', raw, builtin, KINDS);
}

export function category(mapper: Mapper, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const mapped = mapper.translate('category', raw);
  return slugify(mapped ?? raw) || undefined;
}
