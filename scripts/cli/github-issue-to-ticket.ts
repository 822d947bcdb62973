/**
 * `opsbook github issue-to-ticket`: an issue written with the "Report an outage" form becomes a
 * ticket file (docs/github.md), checked as `opsbook validate` checks it and proposed in a pull
 * request with an answer on the issue; a second run for the same issue creates nothing twice.
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateRepository } from '../check/validate-repository.ts';
import { formAnswers, outageReport, ticketTitle } from '../derive/issue-form.ts';
import { nextTicketId } from '../derive/next-id.ts';
import { githubSettings } from '../github/client.ts';
import {
  answerIssue,
  answerLogged,
  earlierProposal,
  fetchIssue,
  issueFromEventFile,
  proposeTicket,
  type ReportedIssue,
} from '../github/issue-to-ticket.ts';
import { localIso, parseAt, parseFlags } from '../lib/args.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { listMarkdownFiles, TICKET_DIR } from '../load/files.ts';
import { idFromPath, ticketPath } from '../model/ids.ts';
import { instantMs } from '../model/time.ts';
import { issueProblemsAnswer, issueTicketText } from '../present/issue-ticket.ts';
import { logDocument } from '../present/workflow-commands.ts';
import { CONNECTION, connect, connectionFlags, positiveInteger, rootOf, say } from './github-connection.ts';
import { usableConfig } from './inputs.ts';

const issueToTicketHelp = `Usage: opsbook github issue-to-ticket (--issue N | --event FILE) [--local | --dry-run]

Turns an issue written with the "Report an outage" form into a ticket file (the next free
incident ID, channel web-form, x-github-issue: N, reported at the issue's creation), checks it
as \`opsbook validate\` does, and proposes it: branch opsbook/issue-N, the file, a pull request,
and an answer on the issue with the ticket ID. A second run for the same issue finds the branch
and creates nothing twice.

Options:
  --issue N             read issue N through the API
  --event FILE          read the issue from a GitHub Actions event payload ($GITHUB_EVENT_PATH)
  --local               write the ticket into this checkout and print its ID; no API writes
  --dry-run             print the ticket file; write nothing
  --at ISO              the instant that counts as now for the check (default: now)
${CONNECTION}
  --root DIR            the repository checkout

Exit codes: 0 done, 1 the issue could not become a valid ticket (answered on the issue), 2 the
command failed.
`;

/** `opsbook github issue-to-ticket`: the ticket of one outage report, checked and proposed. */
export async function issueToTicket(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags('github issue-to-ticket', args, {
    ...connectionFlags,
    issue: { type: 'string' },
    event: { type: 'string' },
    local: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    at: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(issueToTicketHelp);
    return 0;
  }
  if ((values.issue === undefined) === (values.event === undefined))
    throw new ExitError('give either --issue N or --event FILE');
  const number = values.issue === undefined ? undefined : positiveInteger('issue', values.issue);
  const offline = values.local === true || values['dry-run'] === true;
  // The API is needed to read the issue (--issue) and to propose the ticket (not --local/--dry-run).
  const client = number !== undefined || !offline ? connect(githubSettings(values, io.env), io) : null;
  const at = parseAt(values.at, io);
  const root = rootOf(values, io);
  const config = usableConfig(root, io, 'github issue-to-ticket');

  const issue: ReportedIssue =
    number !== undefined && client
      ? await fetchIssue(client, number)
      : issueFromEventFile(resolve(io.cwd, values.event as string));

  if (client && !offline) {
    const earlier = await earlierProposal(client, issue.number);
    if (earlier?.kind === 'pull') {
      if (earlier.id) await answerLogged(client, issue.number, earlier.id, earlier.number);
      say(io.stdout, `exists ${earlier.id ?? '?'} ${earlier.url}`);
      return 0;
    }
    if (earlier?.kind === 'branch') {
      const title = ticketTitle(issue.title) ?? `Outage reported in issue #${issue.number}`;
      const pull = await proposeTicket(
        client,
        { id: earlier.id, file: ticketPath(earlier.id), title, issue: issue.number },
        true,
      );
      await answerLogged(client, issue.number, earlier.id, pull.number);
      say(io.stdout, `${earlier.id} ${ticketPath(earlier.id)} ${pull.url}`);
      return 0;
    }
  }

  const { report, problems } = outageReport(formAnswers(issue.body), config.services);
  if (!report) {
    if (client && !offline) await answerIssue(client, issue.number, issueProblemsAnswer(problems));
    say(io.stderr, `opsbook github issue-to-ticket: issue #${issue.number}: ${problems.join('; ')}`);
    return 1;
  }
  const reportedAt = localIso(instantMs(issue.createdAt), config.organization.timezone);
  const title = ticketTitle(issue.title) ?? `Outage reported in issue #${issue.number}`;
  const existing = listMarkdownFiles(root, TICKET_DIR).files.map(idFromPath);
  const id = nextTicketId(existing, 'INC', Number(reportedAt.slice(0, 4)));
  const file = ticketPath(id);
  const text = issueTicketText({
    id,
    title,
    report,
    reportedAt,
    issue: { number: issue.number, login: issue.login },
  });

  // Checked exactly as `opsbook validate` checks it: in place, among the other tickets.
  const absolute = join(root, file);
  if (existsSync(absolute)) throw new ExitError(`${file} exists already`);
  writeFileAtomic(absolute, text, { exclusive: true });
  let keep = false;
  try {
    const checked = await validateRepository({ root, focus: [file], at });
    const errors = checked.findings.filter((f) => f.file === file && f.severity === 'error');
    if (errors.length > 0) {
      for (const f of errors) say(io.stderr, `${f.file}:${f.line}:${f.col} ${f.code} ${f.message}`);
      return 1;
    }
    if (values['dry-run']) {
      io.stdout.write(logDocument(text));
      return 0;
    }
    if (values.local || !client) {
      keep = true;
      say(io.stdout, `${id} ${file}`);
      return 0;
    }
  } finally {
    if (!keep) rmSync(absolute, { force: true });
  }
  const pull = await proposeTicket(client, { id, file, text, title, issue: issue.number }, false);
  await answerLogged(client, issue.number, id, pull.number);
  say(io.stdout, `${id} ${file} ${pull.url}`);
  return 0;
}
