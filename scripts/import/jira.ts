/**
 * Jira Service Management's issue export (CSV, "Export Excel CSV (all fields)"): one row per
 * issue. Multi-value fields repeat their column (Component/s, Labels); every component becomes
 * an affected service.
 */
import { basename } from 'node:path';
import { ExitError } from '../lib/errors.ts';
import { STATUSES } from './builtins.ts';
import { category, channel, columnsOf, kind, levels, refId } from './csv-fields.ts';
import { readCsv } from './csv-rows.ts';
import type { Mapper } from './map-file.ts';
import { emptyCatalogue, type ImportedTicket, type SourceResult, UnmappableValue } from './model.ts';

/** Jira's default export format, e.g. `12/Mar/26 9:15 AM`. */
export const JIRA_DATE_FORMAT = 'dd/MMM/yy h:mm a';

const STATES: Record<string, string> = {
  Open: 'new',
  New: 'new',
  'To Do': 'new',
  Backlog: 'new',
  'Waiting for support': 'new',
  'Work in progress': 'investigating',
  'In Progress': 'investigating',
  Investigating: 'investigating',
  'Under investigation': 'investigating',
  Escalated: 'investigating',
  Identified: 'identified',
  Pending: 'pending',
  'Waiting for customer': 'pending',
  'Waiting for approval': 'pending',
  Monitoring: 'monitoring',
  Resolved: 'resolved',
  Done: 'resolved',
  Completed: 'resolved',
  Closed: 'closed',
  Canceled: 'cancelled',
  Cancelled: 'cancelled',
  Declined: 'cancelled',
  "Won't Do": 'cancelled',
};
const PRIORITY: Record<string, string> = {
  Highest: 'P1',
  Blocker: 'P1',
  Critical: 'P1',
  High: 'P2',
  Major: 'P2',
  Medium: 'P3',
  Low: 'P4',
  Minor: 'P4',
  Lowest: 'P4',
  Trivial: 'P4',
};
const KINDS: Record<string, string> = {
  Incident: 'incident',
  Problem: 'problem',
  'Service request': 'service-request',
  'Service request with approvals': 'service-request',
  'IT help': 'service-request',
  Support: 'service-request',
};

export async function readJira(file: string, mapper: Mapper): Promise<SourceResult> {
  const label = basename(file);
  const result: SourceResult = { tickets: [], catalogue: emptyCatalogue(), problems: [] };
  let c: ReturnType<typeof jiraColumns> | undefined;
  for await (const row of readCsv(file, label)) {
    c ??= jiraColumns(mapper, Object.keys(row.cells), label);
    const where = `${label} row ${row.row} (line ${row.line})`;
    const cell = (column: string | undefined) => mapper.cell(row.cells, column);
    const id = cell(c.id);
    try {
      if (id === undefined) throw new UnmappableValue('id', `no ${c.id}`);
      const rawStatus = cell(c.state);
      if (rawStatus === undefined) throw new UnmappableValue('state', `no ${c.state ?? 'Status'}`);
      const status = mapper.require('state', rawStatus, STATES, STATUSES);
      const opened = mapper.date('opened', cell(c.opened));
      if (opened === undefined) throw new UnmappableValue('opened', `no ${c.opened ?? 'Created'}`);
      const updated = mapper.date('updated', cell(c.updated));
      const all = (column: string | undefined) =>
        column === undefined
          ? []
          : (row.repeated[column] ?? [row.cells[column] ?? ''])
              .map((v) => v.trim())
              .filter((v) => !mapper.isEmpty(v));
      const components = all(c.service);
      const services = components.length
        ? components.map((name) => ({ id: refId(mapper, result.catalogue, 'services', 'service', name) }))
        : mapper.map.defaults?.service
          ? [{ id: mapper.map.defaults.service }]
          : [];
      const team = cell(c.team);
      const customer = cell(c.customer);
      const ticket: ImportedTicket = {
        source: { system: 'jira', id, ...(mapper.url(id) ? { url: mapper.url(id) } : {}) },
        where,
        kind: kind(mapper, cell(c.kind), KINDS),
        title: cell(c.title) ?? '',
        status,
        ...levels(
          mapper,
          { impact: cell(c.impact), urgency: cell(c.urgency), priority: cell(c.priority) },
          {
            levels: { High: 'high', Medium: 'medium', Low: 'low' },
            priorities: PRIORITY,
          },
        ),
        services: [...new Map(services.map((s) => [s.id, s])).values()],
        team: team ? refId(mapper, result.catalogue, 'teams', 'team', team) : mapper.map.defaults?.team,
        customer: customer
          ? refId(mapper, result.catalogue, 'customers', 'customer', customer)
          : mapper.map.defaults?.customer,
        channel: channel(mapper, cell(c.channel)),
        assignee: cell(c.assignee),
        reportedBy: cell(c.reportedBy),
        category: category(mapper, cell(c.category)),
        reportedAt: opened,
        resolvedAt: mapper.date('resolved', cell(c.resolved)),
        // Jira has no closing time: a closed issue was closed at its last update.
        closedAt: status === 'closed' ? (mapper.date('closed', cell(c.closed)) ?? updated) : undefined,
        updatedAt: updated,
        timeline: [],
        body: cell(c.description),
      };
      result.tickets.push(ticket);
    } catch (error) {
      if (!(error instanceof UnmappableValue)) throw error;
      result.problems.push({ where, id, field: error.field, message: error.message });
    }
  }
  return result;
}

function jiraColumns(mapper: Mapper, header: string[], label: string) {
  const columns = columnsOf(mapper, header);
  const id = columns.of('id', ['Issue key']);
  if (!id) throw new ExitError(`${label}: no "Issue key" column (set columns.id in the map)`);
  return {
    id,
    title: columns.of('title', ['Summary']),
    kind: columns.of('kind', ['Issue Type']),
    state: columns.of('state', ['Status']),
    priority: columns.of('priority', ['Priority']),
    impact: columns.of('impact', ['Impact']),
    urgency: columns.of('urgency', ['Urgency']),
    opened: columns.of('opened', ['Created']),
    resolved: columns.of('resolved', ['Resolved']),
    closed: columns.of('closed', []),
    updated: columns.of('updated', ['Updated']),
    assignee: columns.of('assignee', ['Assignee']),
    reportedBy: columns.of('reported_by', ['Reporter']),
    team: columns.of('team', []),
    customer: columns.of('customer', []),
    channel: columns.of('channel', []),
    category: columns.of('category', []),
    description: columns.of('description', ['Description']),
    service: mapper.map.services_from ?? ['Components', 'Component/s'].find((x) => header.includes(x)),
  };
}
