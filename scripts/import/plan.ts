/**
 * From a source's tickets to one change of the repository: each ticket is matched with the one
 * an earlier import brought (by x-source) or gets the next free ID, is checked as `validate`
 * would check it, and is written only when its content changed. The catalogue entries the
 * tickets name are appended to opsbook.yaml.
 */
import { isDeepStrictEqual } from 'node:util';
import { dump, JSON_SCHEMA } from 'js-yaml';
import { checkTicket } from '../derive/ticket-rules.ts';
import type { FileChange } from '../lib/journal.ts';
import { validateAgainstSchema } from '../load/schema-validation.ts';
import { formatTicketId, PREFIX_BY_KIND, parseTicketId, ticketPath } from '../model/ids.ts';
import type { OpsbookConfig, Ticket } from '../model/types.ts';
import { localDate } from '../model/zone-offsets.ts';
import { appendToSection, entryLine } from './config-edit.ts';
import { type ExistingTickets, sourceKey } from './existing.ts';
import {
  type Catalogue,
  type CatalogueEntry,
  type ImportProblem,
  type SourceRef,
  type SourceResult,
  UnmappableValue,
} from './model.ts';
import { IMPORTED_FIELDS, markdownBody, ticketData } from './ticket-build.ts';

export interface Outcome {
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  source: SourceRef;
  id?: string;
  file?: string;
  problem?: ImportProblem;
}

export interface ImportPlan {
  outcomes: Outcome[];
  /** Records left out by --since. */
  older: number;
  /** What was added to opsbook.yaml, per section. */
  added: { services: string[]; teams: string[]; customers: string[] };
  change: FileChange;
}

export interface PlanOptions {
  /** Leave out tickets whose last activity is before this instant (epoch ms). */
  since?: number;
  /** Called with the first problem when the run must stop at it. */
  onProblem?: (problem: ImportProblem) => void;
  onProgress?: (done: number, total: number) => void;
}

export function planImport(
  config: OpsbookConfig,
  configText: string,
  existing: ExistingTickets,
  result: SourceResult,
  options: PlanOptions = {},
): ImportPlan {
  const outcomes: Outcome[] = [];
  const problems = [...result.problems];
  for (const p of problems) options.onProblem?.(p);
  // Every entry the source names, for checking the tickets; only those a written ticket uses (or
  // a status page's public components) go into opsbook.yaml, below.
  const { merged } = withCatalogue(config, configText, result.catalogue);
  const highest = new Map<string, number>();
  for (const id of existing.ids) {
    const p = parseTicketId(id);
    if (p)
      highest.set(`${p.prefix}-${p.year}`, Math.max(highest.get(`${p.prefix}-${p.year}`) ?? 0, p.number));
  }
  const ticketIds = new Set(existing.ids);
  const writes: FileChange['write'] = [];
  let older = 0;
  // New IDs are given in the order of reporting, so numbers follow time as in a hand-kept repository.
  const order = result.tickets
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.reportedAt - b.t.reportedAt || a.i - b.i);
  const byIndex: (Outcome | undefined)[] = [];
  let done = 0;
  for (const { t, i } of order) {
    options.onProgress?.(++done, order.length);
    const lastActivity = Math.max(t.reportedAt, t.updatedAt ?? 0, ...t.timeline.map((e) => e.at));
    if (options.since !== undefined && lastActivity < options.since) {
      older++;
      continue;
    }
    const found = existing.bySource.get(sourceKey(t.source.system, t.source.id));
    let id = found ? String(found.data.id) : undefined;
    let file = found?.file;
    try {
      if (!id) {
        const prefix = PREFIX_BY_KIND[t.kind];
        const year = Number(localDate(t.reportedAt, config.organization.timezone).slice(0, 4));
        const key = `${prefix}-${year}`;
        const number = (highest.get(key) ?? 0) + 1;
        id = formatTicketId(prefix, year, number);
        file = ticketPath(id);
        const data = ticketData(t, id, merged);
        const body = markdownBody(t);
        check(data, body, file, merged, ticketIds);
        const text = `---\n${dump(data, { schema: JSON_SCHEMA, lineWidth: -1 })}---\n${body}`;
        highest.set(key, number);
        ticketIds.add(id);
        writes.push({ path: file, content: text });
        byIndex[i] = { action: 'created', source: t.source, id, file };
        continue;
      }
      const fresh = ticketData(t, id, merged);
      const old = found?.data ?? {};
      // Fields the team added after the import (cause, review, actions, x-…) stay as they are.
      for (const [key, value] of Object.entries(old)) if (!IMPORTED_FIELDS.has(key)) fresh[key] = value;
      if (isDeepStrictEqual(old, fresh)) {
        byIndex[i] = { action: 'unchanged', source: t.source, id, file };
        continue;
      }
      check(fresh, found?.body ?? '', file ?? ticketPath(id), merged, ticketIds);
      const text = `---\n${dump(fresh, { schema: JSON_SCHEMA, lineWidth: -1 })}---\n${found?.body ?? ''}`;
      writes.push({ path: file ?? ticketPath(id), content: text });
      byIndex[i] = { action: 'updated', source: t.source, id, file };
    } catch (error) {
      if (!(error instanceof UnmappableValue)) throw error;
      const problem = { where: t.where, id: t.source.id, field: error.field, message: error.message };
      options.onProblem?.(problem);
      byIndex[i] = { action: 'skipped', source: t.source, problem };
    }
  }
  for (const p of problems)
    outcomes.push({ action: 'skipped', source: { system: '', id: p.id ?? '' }, problem: p });
  for (const o of byIndex) if (o) outcomes.push(o);
  const used = new Set<string>();
  result.tickets.forEach((t, i) => {
    const outcome = byIndex[i];
    if (!outcome || outcome.action === 'skipped') return;
    for (const s of t.services) used.add(`services\u0000${s.id}`);
    if (t.team) used.add(`teams\u0000${t.team}`);
    if (t.customer) used.add(`customers\u0000${t.customer}`);
  });
  const { text: newConfigText, added } = withCatalogue(config, configText, result.catalogue, used);
  if (newConfigText !== configText) writes.unshift({ path: 'opsbook.yaml', content: newConfigText });
  return { outcomes, older, added, change: { write: writes, delete: [] } };
}

/** Schema and rule errors as `validate` reports them; a ticket with one is refused, never written. */
function check(
  data: Record<string, unknown>,
  body: string,
  file: string,
  config: OpsbookConfig,
  ticketIds: ReadonlySet<string>,
): void {
  // The data is what the YAML text parses to (it is dumped with the JSON schema), so checking it
  // directly checks the file without reading the text back.
  const schemaError = validateAgainstSchema('ticket', data)[0];
  if (schemaError) {
    throw new UnmappableValue(
      'ticket',
      `the ticket would not validate: ${schemaError.path.join('.')}: ${schemaError.message}`,
    );
  }
  if (!conforms(data)) throw new UnmappableValue('ticket', 'the ticket would not validate');
  const findings = checkTicket(
    { file, data, body, bodyLine: 1 },
    { config, ticketIds, runbookIds: new Set() },
  );
  const error = findings.find((f) => f.severity === 'error');
  if (error)
    throw new UnmappableValue('ticket', `the ticket would not validate: ${error.code}: ${error.message}`);
}

function serviceFields(s: CatalogueEntry): { group: string; public: boolean; description?: string } {
  return {
    group: s.group ?? 'imported',
    ...(s.description?.trim() ? { description: s.description.trim() } : {}),
    public: s.public ?? false,
  };
}

/** A document that passed the ticket schema is a Ticket. */
function conforms(data: object): data is Ticket {
  return 'id' in data && 'kind' in data;
}

/** The config with the catalogue entries it lacks, as text (appended) and as data (for checks). */
function withCatalogue(
  config: OpsbookConfig,
  text: string,
  catalogue: Catalogue,
  used?: ReadonlySet<string>,
): { text: string; merged: OpsbookConfig; added: ImportPlan['added'] } {
  const mergedTeams = config.teams ? { ...config.teams } : undefined;
  const mergedCustomers = { ...(config.customers ?? {}) };
  const merged: OpsbookConfig = {
    ...config,
    services: { ...config.services },
    teams: mergedTeams,
    customers: mergedCustomers,
  };
  const added: ImportPlan['added'] = { services: [], teams: [], customers: [] };
  const missing = (
    section: keyof Catalogue,
    have: Record<string, unknown> | undefined,
    entries: Map<string, CatalogueEntry>,
  ) =>
    [...entries.values()].filter(
      (e) =>
        (!have || !Object.hasOwn(have, e.id)) &&
        (used === undefined || e.public === true || used.has(`${section}\u0000${e.id}`)),
    );
  let out = text;
  const services = missing('services', config.services, catalogue.services);
  out = appendToSection(
    out,
    'services',
    services.map((s) => entryLine('  ', s, serviceFields(s))),
  );
  for (const s of services) {
    merged.services[s.id] = { name: s.name, ...serviceFields(s) };
    added.services.push(s.id);
  }
  // Without a `teams` section team ids are free words; with one, the new ids join it.
  if (config.teams) {
    const teams = missing('teams', config.teams, catalogue.teams);
    out = appendToSection(
      out,
      'teams',
      teams.map((s) => entryLine('  ', s, {})),
    );
    for (const s of teams) {
      if (mergedTeams) mergedTeams[s.id] = { name: s.name };
      added.teams.push(s.id);
    }
  }
  const customers = missing('customers', config.customers, catalogue.customers);
  out = appendToSection(
    out,
    'customers',
    customers.map((s) => entryLine('  ', s, { contract: 'none' })),
  );
  for (const s of customers) {
    mergedCustomers[s.id] = { name: s.name, contract: 'none' };
    added.customers.push(s.id);
  }
  return { text: out, merged, added };
}
