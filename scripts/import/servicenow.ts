/**
 * ServiceNow's incident export (CSV): the list view (one row per incident) and the audit-style
 * export (one row per update, with sys_mod_count and sys_updated_on). Rows of one number are
 * folded into one ticket; the state changes between them become its timeline, ordered by the
 * update counter so that two updates in the same minute keep their order.
 */
import { basename } from 'node:path';
import { ExitError } from '../lib/errors.ts';
import { STATUSES } from './builtins.ts';
import { category, channel, columnsOf, levels, refId } from './csv-fields.ts';
import { readCsv } from './csv-rows.ts';
import type { Mapper } from './map-file.ts';
import {
  emptyCatalogue,
  type ImportedEntry,
  type ImportedTicket,
  type SourceResult,
  UnmappableValue,
} from './model.ts';

export const SERVICENOW_DATE_FORMAT = 'yyyy-MM-dd HH:mm:ss';

const STATES: Record<string, string> = {
  New: 'new',
  'In Progress': 'investigating',
  Active: 'investigating',
  'On Hold': 'pending',
  'Awaiting User Info': 'pending',
  'Awaiting Caller': 'pending',
  'Awaiting Evidence': 'pending',
  'Awaiting Problem': 'pending',
  'Awaiting Vendor': 'pending',
  'Awaiting Change': 'pending',
  Resolved: 'resolved',
  Closed: 'closed',
  Canceled: 'cancelled',
  Cancelled: 'cancelled',
  // The stored values, when the export has them instead of the labels.
  '1': 'new',
  '2': 'investigating',
  '3': 'pending',
  '6': 'resolved',
  '7': 'closed',
  '8': 'cancelled',
};
const PRIORITY: Record<string, string> = {
  '1 - Critical': 'P1',
  '2 - High': 'P2',
  '3 - Moderate': 'P3',
  '4 - Low': 'P4',
  '5 - Planning': 'P4',
  Critical: 'P1',
  High: 'P2',
  Moderate: 'P3',
  Low: 'P4',
  Planning: 'P4',
  '1': 'P1',
  '2': 'P2',
  '3': 'P3',
  '4': 'P4',
  '5': 'P4',
};
const LEVEL: Record<string, string> = {
  '1 - High': 'high',
  '2 - Medium': 'medium',
  '3 - Low': 'low',
  High: 'high',
  Medium: 'medium',
  Low: 'low',
  '1': 'high',
  '2': 'medium',
  '3': 'low',
};

interface Row {
  row: number;
  line: number;
  cells: Record<string, string>;
}

export async function readServiceNow(file: string, mapper: Mapper): Promise<SourceResult> {
  const label = basename(file);
  const groups = new Map<string, Row[]>();
  const result: SourceResult = { tickets: [], catalogue: emptyCatalogue(), problems: [] };
  let header: string[] | undefined;
  let idColumn: string | undefined;
  for await (const row of readCsv(file, label)) {
    header ??= Object.keys(row.cells);
    idColumn ??= mapper.column('id', header, ['number']);
    if (!idColumn) throw new ExitError(`${label}: no "number" column (set columns.id in the map)`);
    const id = mapper.cell(row.cells, idColumn);
    if (id === undefined) {
      result.problems.push({
        where: `${label} row ${row.row} (line ${row.line})`,
        field: 'id',
        message: `no ${idColumn}`,
      });
      continue;
    }
    const rows = groups.get(id);
    if (rows) rows.push(row);
    else groups.set(id, [row]);
  }
  const columns = columnsOf(mapper, header ?? []);
  for (const [id, rows] of groups) {
    try {
      result.tickets.push(ticketOf(id, rows, label, mapper, columns, result));
    } catch (error) {
      if (!(error instanceof Located)) throw error;
      result.problems.push({ where: error.where, id, field: error.field, message: error.message });
    }
  }
  return result;
}

class Located extends Error {
  readonly where: string;
  readonly field: string;
  constructor(where: string, field: string, message: string) {
    super(message);
    this.where = where;
    this.field = field;
  }
}

function ticketOf(
  id: string,
  rows: Row[],
  label: string,
  mapper: Mapper,
  columns: ReturnType<typeof columnsOf>,
  result: SourceResult,
): ImportedTicket {
  const c = {
    title: columns.of('title', ['short_description']),
    state: columns.of('state', ['incident_state', 'state']),
    opened: columns.of('opened', ['opened_at', 'sys_created_on']),
    resolved: columns.of('resolved', ['resolved_at']),
    closed: columns.of('closed', ['closed_at']),
    updated: columns.of('updated', ['sys_updated_on', 'sys_updated_at']),
    sequence: columns.of('sequence', ['sys_mod_count']),
    priority: columns.of('priority', ['priority']),
    impact: columns.of('impact', ['impact']),
    urgency: columns.of('urgency', ['urgency']),
    category: columns.of('category', ['category']),
    team: columns.of('team', ['assignment_group']),
    assignee: columns.of('assignee', ['assigned_to']),
    reportedBy: columns.of('reported_by', ['caller_id']),
    channel: columns.of('channel', ['contact_type']),
    customer: columns.of('customer', []),
    ci: columns.of('ci', ['cmdb_ci']),
    description: columns.of('description', ['description']),
    service:
      mapper.map.services_from ?? ['business_service', 'cmdb_ci'].find((x) => columns.header.includes(x)),
    by: columns.header.includes('sys_updated_by') ? 'sys_updated_by' : undefined,
  };
  let current: Row | undefined;
  const where = (r: Row) => `${label} row ${r.row} (line ${r.line})`;
  const at = (r: Row, field: string, column: string | undefined) => {
    current = r;
    return mapper.date(field, mapper.cell(r.cells, column));
  };
  try {
    // Update rows in the order they were written: the counter, then the time, then the file.
    const ordered = rows
      .map((r) => ({
        r,
        seq: Number(mapper.cell(r.cells, c.sequence) ?? Number.NaN),
        t: at(r, 'updated', c.updated),
      }))
      .sort((a, b) =>
        !Number.isNaN(a.seq) && !Number.isNaN(b.seq) && a.seq !== b.seq
          ? a.seq - b.seq
          : (a.t ?? 0) - (b.t ?? 0) || a.r.row - b.r.row,
      );
    const last = ordered[ordered.length - 1]?.r as Row;
    current = last;
    const cell = (column: string | undefined) => mapper.cell(last.cells, column);
    const timeline: ImportedEntry[] = [];
    let previous: string | undefined;
    let status: ImportedTicket['status'] = 'new';
    for (const { r, t } of ordered) {
      current = r;
      const raw = mapper.cell(r.cells, c.state);
      if (raw === undefined) throw new UnmappableValue('state', `no ${c.state ?? 'state'}`);
      status = mapper.require('state', raw, STATES, STATUSES);
      if (ordered.length > 1 && status !== previous && t !== undefined) {
        const by = mapper.cell(r.cells, c.by);
        timeline.push({ at: t, status, note: `${raw} in ServiceNow.`, ...(by ? { by } : {}) });
      }
      previous = status;
    }
    current = last;
    const opened = at(last, 'opened', c.opened);
    if (opened === undefined) throw new UnmappableValue('opened', `no ${c.opened ?? 'opened_at'}`);
    const reopened = Number(cell(columns.header.includes('reopen_count') ? 'reopen_count' : undefined) ?? 0);
    const serviceName = cell(c.service);
    const service = serviceName
      ? refId(mapper, result.catalogue, 'services', 'service', serviceName)
      : mapper.map.defaults?.service;
    const teamName = cell(c.team);
    const customerName = cell(c.customer);
    const ticket: ImportedTicket = {
      source: { system: 'servicenow', id, ...(mapper.url(id) ? { url: mapper.url(id) } : {}) },
      where: where(last),
      kind: 'incident',
      title: cell(c.title) ?? '',
      status,
      ...levels(
        mapper,
        { impact: cell(c.impact), urgency: cell(c.urgency), priority: cell(c.priority) },
        { levels: LEVEL, priorities: PRIORITY },
      ),
      services: service ? [{ id: service }] : [],
      team: teamName ? refId(mapper, result.catalogue, 'teams', 'team', teamName) : mapper.map.defaults?.team,
      customer: customerName
        ? refId(mapper, result.catalogue, 'customers', 'customer', customerName)
        : mapper.map.defaults?.customer,
      channel: channel(mapper, cell(c.channel)),
      assignee: cell(c.assignee),
      reportedBy: cell(c.reportedBy),
      category: category(mapper, cell(c.category)),
      ci: cell(c.ci),
      reportedAt: opened,
      resolvedAt: at(last, 'resolved', c.resolved),
      closedAt: at(last, 'closed', c.closed),
      updatedAt: at(last, 'updated', c.updated),
      timeline,
      body: cell(c.description),
    };
    if (reopened > 0 && ordered.length === 1) {
      ticket.timeline.push({
        at: ticket.updatedAt ?? opened,
        note: `Reopened ${reopened} time(s) in ServiceNow; the list export has no history.`,
      });
    }
    return ticket;
  } catch (error) {
    if (error instanceof UnmappableValue)
      throw new Located(current ? where(current) : label, error.field, error.message);
    throw error;
  }
}
