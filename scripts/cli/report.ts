/**
 * `opsbook report [--from DATE] [--to DATE] [--where FIELD=VALUE ...] [--format markdown|json]
 *  [--out DIR] [--at ISO] [--root DIR] [--no-cache]`
 */

import { join, resolve } from 'node:path';
import { isKnownTimeZone } from '../derive/calendar/index.ts';
import { PeriodicReportBuilder } from '../derive/report/periodic.ts';
import { reportSlaDerivation } from '../derive/report/sla-figures.ts';
import { parseWhere, type WhereClause } from '../derive/report-filter.ts';
import { type ReportPeriod, reportPeriod } from '../derive/report-period.ts';
import type { RunbookSource } from '../derive/runbook-status.ts';
import { holidaysAhead } from '../derive/sla-config.ts';
import { slaDerivation } from '../derive/sla-report.ts';
import { oneOf, parseAt, parseDateFlag, parseFlags } from '../lib/args.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { writeText } from '../lib/write-text.ts';
import { readMarkdownDocument } from '../load/documents.ts';
import { findRepositoryRoot, listMarkdownFiles, RUNBOOK_DIR } from '../load/files.ts';
import {
  cacheWanted,
  type DerivedValues,
  type IndexedTicket,
  prepareTicketIndex,
} from '../load/ticket-index.ts';
import { localDate } from '../model/zone-offsets.ts';
import { formatReportJson } from '../present/report-json.ts';
import { formatReportMarkdown } from '../present/report-markdown.ts';
import { reportCharts } from '../present/report-svg.ts';
import { reviewPolicyOf, usableConfig, withTicketIndexFor } from './inputs.ts';

const reportHelp = `Usage: opsbook report [options]

The periodic review report over the tickets reported in a period: tickets by kind, category,
cause, service, priority, channel and customer; duplicates; the avoidable share; MTTA and MTTR
(working and wall-clock time, median and mean); SLA compliance per clock and policy; recurring
incidents as problem candidates; reviews and actions; stale runbooks.

Options:
  --from DATE           first day of the period, YYYY-MM-DD (default: the first ticket)
  --to DATE             last day of the period, inclusive (default: the day of --at)
  --where FIELD=VALUE   only tickets whose FIELD has one of the comma-separated values
                        (FIELD!=VALUE: none of them; an empty VALUE means "not set"); repeatable.
                        Fields: kind, status, priority, customer, channel, category, cause, team,
                        assignee, service, service_group, ci, avoidable, problem, duplicate_of, x-*
  --format FORMAT       markdown (default) or json
  --out DIR             write report.md, report.json and the SVG charts into DIR
  --at ISO              the instant of SLA states and due dates (default: now)
  --no-cache            parse every ticket instead of using .opsbook-cache/
  --root DIR            the repository (default: the folder with opsbook.yaml at or above the current one)

Dates are local dates in opsbook.yaml's organization.timezone. Tickets reported after --at are
left out. Exit codes: 0 done, 2 the command failed.

Example: opsbook report --where x-case=emergency-form --out reports/emergency-form
`;

/** The `derived` slot of the ticket index that keeps a ticket's custom `x-*` fields. */
const CUSTOM_FIELDS = 'custom';

export async function reportCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags('report', args, {
    from: { type: 'string' },
    to: { type: 'string' },
    where: { type: 'string', multiple: true },
    format: { type: 'string' },
    out: { type: 'string' },
    at: { type: 'string' },
    'no-cache': { type: 'boolean' },
    root: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(reportHelp);
    return 0;
  }
  const format = oneOf('format', values.format, ['markdown', 'json'] as const, 'markdown');
  const at = parseAt(values.at, io);
  let clauses: WhereClause[];
  try {
    clauses = parseWhere(values.where ?? []);
  } catch (error) {
    throw new ExitError((error as Error).message);
  }
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const cache = cacheWanted(!values['no-cache']);
  const prepared = prepareTicketIndex(root, { cache });

  const config = usableConfig(root, io, 'report', 'figures that depend on them may be missing');
  const period = periodOf(values.from, values.to, at, config.organization.timezone);
  const policy = reviewPolicyOf(config);
  const today = localDate(at, period.timezone);

  // The SLA clocks are computed where the tickets are parsed: with the cache, the whole entries
  // (the settled ones are kept for later runs); without it, only what the report reads, and
  // only the ticket fields it and its clauses read are sent.
  // Parsing threads get the public holidays computed here once (holidaysAhead).
  const holidays = prepared.parallel ? holidaysAhead(config, at) : undefined;
  const derive = cache
    ? slaDerivation(config, at, { holidays })
    : reportSlaDerivation(config, at, clauses, holidays);
  // The report takes each ticket as soon as it is parsed (PeriodicReportBuilder), in parallel
  // with the threads that parse the next ones.
  const custom = customFieldReader(root);
  const builder = new PeriodicReportBuilder<IndexedTicket>({
    config,
    at,
    period,
    clauses,
    policy,
    today,
    customFields: (ticket) => custom.of(ticket),
  });
  const options = { cache, derive, prepared, onTicket: (ticket: IndexedTicket) => builder.add(ticket) };
  const { report, markdown } = await withTicketIndexFor(root, io, 'report', options, (index) => {
    const { report, markdown, settled, unknown } = builder.finish(index.tickets, loadRunbooks(root, io));
    const first = unknown[0];
    if (first) {
      const known = first.known.length > 0 ? `known: ${first.known.join(', ')}` : 'no ticket has that field';
      throw new ExitError(`--where ${first.clause}${first.value}: no ticket has "${first.value}" (${known})`);
    }
    return { result: { report, markdown }, keep: [settled, custom.read] };
  });

  if (values.out) {
    const dir = resolve(io.cwd, values.out);
    const charts = reportCharts(report);
    const files: [string, string][] = [
      ['report.md', formatReportMarkdown(report, { ...markdown, charts })],
      ['report.json', formatReportJson(report)],
      ...charts.map((c): [string, string] => [c.file, c.svg]),
    ];
    for (const [name, content] of files) {
      try {
        writeFileAtomic(join(dir, name), content);
      } catch (error) {
        throw new ExitError(`cannot write ${join(dir, name)}: ${(error as Error).message}`);
      }
      io.stdout.write(`${join(dir, name)}\n`);
    }
    return 0;
  }
  writeText(io.stdout, [
    format === 'json' ? formatReportJson(report) : formatReportMarkdown(report, markdown),
  ]);
  return 0;
}

function periodOf(from: string | undefined, to: string | undefined, at: number, zone: string): ReportPeriod {
  for (const [flag, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined) parseDateFlag(flag, value);
  }
  if (!isKnownTimeZone(zone))
    throw new ExitError(`organization.timezone "${zone}" is not a time zone (run opsbook validate)`);
  const last = to ?? localDate(at, zone);
  if (from !== undefined && from > last) {
    throw new ExitError(`--from ${from} lies after ${to === undefined ? 'the day of --at' : '--to'} ${last}`);
  }
  return reportPeriod(from ?? null, last, zone);
}

/**
 * Custom `x-*` fields of tickets, which the ticket index leaves out: read from the file when a
 * filter asks for them (once per run), and returned in `read` for the index to keep with the
 * ticket (dropped when the file changes).
 */
function customFieldReader(root: string): {
  of(ticket: IndexedTicket): Readonly<Record<string, unknown>>;
  read: DerivedValues;
} {
  const read = new Map<IndexedTicket, Record<string, unknown>>();
  return {
    read: { name: CUSTOM_FIELDS, values: read },
    of(ticket: IndexedTicket): Readonly<Record<string, unknown>> {
      const known = ticket.derived[CUSTOM_FIELDS] ?? read.get(ticket);
      if (known !== null && typeof known === 'object') return known as Record<string, unknown>;
      const doc = readMarkdownDocument(join(root, ticket.file), ticket.file, 'ticket').document;
      const fields: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(doc?.data ?? {}))
        if (key.startsWith('x-')) fields[key] = value;
      read.set(ticket, fields);
      return fields;
    },
  };
}

/** Valid runbooks (an invalid one is skipped with a note: `opsbook validate` says why). */
function loadRunbooks(root: string, io: CommandIo): RunbookSource[] {
  const runbooks: RunbookSource[] = [];
  const invalid: string[] = [];
  for (const file of listMarkdownFiles(root, RUNBOOK_DIR).files) {
    const doc = readMarkdownDocument(join(root, file), file, 'runbook').document;
    if (doc) runbooks.push({ file, data: doc.data });
    else invalid.push(file);
  }
  if (invalid.length > 0) {
    io.stderr.write(
      `opsbook report: skipped ${invalid.length} invalid runbook file(s): ${invalid.slice(0, 3).join(', ')}${invalid.length > 3 ? ' …' : ''} (run opsbook validate)\n`,
    );
  }
  return runbooks;
}
