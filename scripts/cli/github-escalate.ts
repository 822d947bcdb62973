/**
 * `opsbook github escalate`: keeps one GitHub issue per ticket whose running SLA clock is
 * breached or at risk (docs/github.md): plans the changes from the SLA report and the existing
 * escalation issues, then prints them (--dry-run) or applies them.
 */
import { escalationSituation, planEscalations } from '../derive/escalation-plan.ts';
import { onDutyAt } from '../derive/on-duty.ts';
import { policyCalendars } from '../derive/policy-calendars.ts';
import { buildSlaReport, slaDerivation } from '../derive/sla-report.ts';
import { githubSettings } from '../github/client.ts';
import {
  applyEscalations,
  describeEscalations,
  ensureLabels,
  listEscalationIssues,
} from '../github/escalate.ts';
import { parseAt, parseFlags } from '../lib/args.ts';
import type { CommandIo } from '../lib/io.ts';
import { escalationRenderer } from '../present/escalation-markdown.ts';
import { CONNECTION, connect, connectionFlags, rootOf, say } from './github-connection.ts';
import { usableConfig, withTicketIndexFor } from './inputs.ts';

const escalateHelp = `Usage: opsbook github escalate [--at ISO] [--dry-run] [--repo OWNER/NAME]

Keeps one GitHub issue per ticket whose running SLA clock is breached or at risk: creates it
(labels opsbook-escalation, sla:breached or sla:at-risk, priority:Pn; mentions the owner team's
github handle from opsbook.yaml), updates it when the SLA state changes, and closes it when
the ticket is resolved or no clock is breached or at risk. A run with nothing changed writes
nothing.

Options:
  --at ISO              the instant (default: now)
  --dry-run             read the issues and print what would be done, without writing
${CONNECTION}
  --no-cache            parse every ticket instead of using .opsbook-cache/
  --root DIR            the repository checkout

Exit codes: 0 done, 2 the command failed.
`;

/** `opsbook github escalate`: creates, updates and closes the escalation issues. */
export async function escalate(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags('github escalate', args, {
    ...connectionFlags,
    at: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'no-cache': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(escalateHelp);
    return 0;
  }
  const settings = githubSettings(values, io.env);
  const at = parseAt(values.at, io);
  const root = rootOf(values, io);
  const config = usableConfig(root, io, 'github escalate', 'clocks that depend on them are not escalated');
  const { index, report } = await withTicketIndexFor(
    root,
    io,
    'github escalate',
    { cache: !values['no-cache'], derive: slaDerivation(config, at) },
    (index) => {
      const report = buildSlaReport(index.tickets, config, at);
      return { result: { index, report }, keep: [report.settled] };
    },
  );
  const situation = escalationSituation(
    report,
    index.tickets,
    config,
    policyCalendars(config),
    onDutyAt(config, at),
  );

  const client = connect(settings, io);
  const issues = await listEscalationIssues(client);
  const ops = planEscalations(situation, issues, escalationRenderer({ htmlUrl: client.htmlUrl }));
  const print = (line: string) => say(io.stdout, line);
  if (values['dry-run']) {
    describeEscalations(ops).forEach(print);
    return 0;
  }
  for (const label of await ensureLabels(client, ops)) print(`created label ${label}`);
  await applyEscalations(client, ops, print);
  return 0;
}
