/**
 * `opsbook sla [IDS...] [--at ISO] [--format table|json|markdown] [--fail-on breached|at-risk] [--open]`
 */

import { resolve } from 'node:path';
import {
  buildSlaReport,
  policyCalendars,
  type ReportedState,
  runningClocksIn,
} from '../derive/sla-report.ts';
import { oneOf, parseAt, parseFlags } from '../lib/args.ts';
import type { CommandIo } from '../lib/io.ts';
import { findRepositoryRoot } from '../load/files.ts';
import { idFromPath } from '../model/ids.ts';
import { wantsColor } from '../present/findings-text.ts';
import { formatSlaJson, formatSlaMarkdown, formatSlaTable } from '../present/sla.ts';
import { ticketIndexFor, usableConfig } from './inputs.ts';

export const slaHelp = `Usage: opsbook sla [IDS...] [options]

The SLA clocks (response and resolution) of every ticket at an instant, on the business
calendars of opsbook.yaml.

Options:
  --at ISO              the instant (default: now), e.g. 2026-03-02T12:00:00Z
  --format FORMAT       table (default), json, or markdown (for a pull-request comment)
  --fail-on STATE       exit 1 when a running clock is breached (breached) or at risk or breached (at-risk)
  --open                only tickets open at --at
  --no-cache            parse every ticket instead of using .opsbook-cache/
  --root DIR            the repository (default: the folder with opsbook.yaml at or above the current one)

IDS limit the output to those tickets. Tickets reported after --at are left out.
Exit codes: 0 done, 1 --fail-on matched, 2 the command failed.
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
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);

  const config = usableConfig(root, io, 'sla', 'clocks that depend on them are not-applicable');
  const index = await ticketIndexFor(root, io, 'sla', !values['no-cache']);

  const report = buildSlaReport(index.tickets, config, at, { ids: positionals, open: values.open });
  index.save(report.derivedChanged);
  const unknown = positionals.filter((id) => !report.tickets.some((t) => t.id === id));
  if (unknown.length > 0) io.stderr.write(`opsbook sla: no ticket ${unknown.join(', ')} at ${report.at}\n`);

  if (format === 'json') {
    io.stdout.write(formatSlaJson(report));
  } else if (format === 'markdown') {
    // Titles of the rows shown only: a settled ticket's facts are not parsed otherwise.
    const byId = new Map(index.tickets.map((t) => [idFromPath(t.file), t]));
    const titleOf = (id: string) => byId.get(id)?.data.title;
    io.stdout.write(formatSlaMarkdown(report, policyCalendars(config), titleOf));
  } else {
    io.stdout.write(
      formatSlaTable(report, policyCalendars(config), { color: wantsColor(io.stdout, io.env) }),
    );
  }

  if (failOn === null) return 0;
  const states: ReportedState[] = failOn === 'at-risk' ? ['breached', 'at-risk'] : ['breached'];
  return runningClocksIn(report, states) > 0 ? 1 : 0;
}
