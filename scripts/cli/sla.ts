/**
 * `opsbook sla [IDS...] [--at ISO] [--format table|json|markdown] [--fail-on breached|at-risk] [--open]`
 */

import { resolve } from 'node:path';
import { policyCalendars } from '../derive/policy-calendars.ts';
import { holidaysAhead } from '../derive/sla-config.ts';
import { buildSlaReport, type ReportedState, runningClocksIn, slaDerivation } from '../derive/sla-report.ts';
import { oneOf, parseAt, parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { writeText } from '../lib/write-text.ts';
import { findRepositoryRoot } from '../load/files.ts';
import { prepareTicketIndex } from '../load/ticket-index.ts';
import { idFromPath, TICKET_ID } from '../model/ids.ts';
import { wantsColor } from '../present/findings-text.ts';
import { formatSlaMarkdown, slaJsonPieces, slaTablePieces, TABLE_TITLE_CHARS } from '../present/sla.ts';
import { usableConfig, withTicketIndexFor } from './inputs.ts';

const slaHelp = `Usage: opsbook sla [IDS...] [options]

The SLA clocks (response and resolution) of every ticket at an instant, on the business
calendars of opsbook.yaml.

Options:
  --at ISO              the instant (default: now), e.g. 2026-03-02T12:00:00Z
  --format FORMAT       table (default), json, or markdown (for a pull-request comment)
  --fail-on STATE       exit 1 when a running clock is breached (breached) or at risk or breached (at-risk)
  --open                only tickets open at --at
  --no-cache            parse every ticket instead of using .opsbook-cache/
  --root DIR            the repository (default: the folder with opsbook.yaml at or above the current one)

IDS limit the output to those tickets; an ID that is malformed or names no ticket of the
repository is an error. Tickets reported after --at are left out.

The table shows each ticket's title (cut to ${TABLE_TITLE_CHARS} characters) and, for the next running
clock, its due time and the working time left or over: whole business days of the policy's
calendar, counted as Nbd targets count them, then working hours and minutes ("1bd 3h left",
"45m over"). The JSON carries due instants and working minutes (docs/sla.md).

Exit codes: 0 done, 1 --fail-on matched, 2 the command failed (bad arguments, unknown IDs).
`;

export async function slaCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'sla',
    args,
    {
      at: { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      open: { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(slaHelp);
    return 0;
  }
  const format = oneOf('format', values.format, ['table', 'json', 'markdown'] as const, 'table');
  const failOn =
    values['fail-on'] === undefined
      ? null
      : oneOf('fail-on', values['fail-on'], ['breached', 'at-risk'] as const, 'breached');
  const at = parseAt(values.at, io);
  const malformed = positionals.filter((id) => !TICKET_ID.test(id));
  if (malformed.length > 0) {
    throw new ExitError(
      `not a ticket ID: ${malformed.map((id) => JSON.stringify(id)).join(', ')} (IDs look like INC-2026-0042)`,
    );
  }
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const prepared = prepareTicketIndex(root, { cache: !values['no-cache'] });

  const config = usableConfig(root, io, 'sla', 'clocks that depend on them are not-applicable');
  // The table and the JSON come from the SLA entries alone; facts are read only to tell IDs apart.
  // Parsing threads get the public holidays computed here once (holidaysAhead).
  const holidays = prepared.parallel ? holidaysAhead(config, at) : undefined;
  const derive = slaDerivation(config, at, { factsRarely: true, holidays });
  const { index, report } = await withTicketIndexFor(
    root,
    io,
    'sla',
    { cache: !values['no-cache'], derive, prepared },
    (index) => {
      const report = buildSlaReport(index.tickets, config, at, { ids: positionals, open: values.open });
      return { result: { index, report }, keep: [report.settled] };
    },
  );
  const shown = new Set(positionals.length > 0 ? report.tickets.map((t) => t.id) : []);
  const missing = [...new Set(positionals)].filter((id) => !shown.has(id));
  if (missing.length > 0) {
    // Files are named after their IDs; the facts are read only to tell a misnamed file apart.
    const inFiles = new Set(index.tickets.map((t) => idFromPath(t.file)));
    const unknown = missing.filter((id) => !inFiles.has(id) && !index.tickets.some((t) => t.data.id === id));
    if (unknown.length > 0) {
      const invalid = new Set(index.invalidFiles.map(idFromPath));
      const named = unknown.map((id) =>
        invalid.has(id) ? `${id} (its file is invalid: opsbook validate)` : id,
      );
      throw new ExitError(`no ticket ${named.join(', ')} in this repository`);
    }
    const why = values.open ? 'reported after --at or not open then' : 'reported after --at';
    io.stderr.write(`opsbook sla: ${missing.join(', ')} left out: ${why} (${report.at})\n`);
  }

  if (format === 'json') {
    writeText(io.stdout, slaJsonPieces(report));
  } else if (format === 'markdown') {
    const titles = new Map(report.tickets.map((t) => [t.id, t.title]));
    writeText(io.stdout, [formatSlaMarkdown(report, policyCalendars(config), (id) => titles.get(id))]);
  } else {
    const pieces = slaTablePieces(report, policyCalendars(config), { color: wantsColor(io.stdout, io.env) });
    writeText(io.stdout, pieces);
  }

  if (failOn === null) return 0;
  const states: ReportedState[] = failOn === 'at-risk' ? ['breached', 'at-risk'] : ['breached'];
  return runningClocksIn(report, states) > 0 ? 1 : 0;
}
