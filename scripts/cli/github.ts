/**
 * `opsbook github pr-summary|escalate|issue-to-ticket`: the CI helpers (docs/github.md).
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { changedSinceScope } from '../check/changed-since.ts';
import { validateRepository } from '../check/validate-repository.ts';
import { escalationSituation, planEscalations } from '../derive/escalation-plan.ts';
import { formAnswers, outageReport, ticketTitle } from '../derive/issue-form.ts';
import { nextTicketId } from '../derive/next-id.ts';
import { onDutyAt } from '../derive/on-duty.ts';
import { buildSlaReport, NO_CALENDARS, policyCalendars } from '../derive/sla-report.ts';
import {
  createGithubClient,
  type GithubClient,
  type GithubSettings,
  githubFailure,
  githubSettings,
} from '../github/client.ts';
import {
  applyEscalations,
  describeEscalations,
  ensureLabels,
  listEscalationIssues,
} from '../github/escalate.ts';
import {
  answerIssue,
  answerLogged,
  earlierProposal,
  fetchIssue,
  issueFromEventFile,
  proposeTicket,
  type ReportedIssue,
} from '../github/issue-to-ticket.ts';
import { postPrSummary } from '../github/pr-summary.ts';
import { MAX_ARTIFACT_BYTES, parsePrSummaryData } from '../github/pr-summary-artifact.ts';
import { localIso, parseAt, parseFlags } from '../lib/args.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { findRepositoryRoot, listMarkdownFiles, TICKET_DIR } from '../load/files.ts';
import { loadConfig } from '../load/repository.ts';
import { parseTicketFacts } from '../load/ticket-index.ts';
import { idFromPath, ticketPath } from '../model/ids.ts';
import { instantMs } from '../model/time.ts';
import { escalationRenderer } from '../present/escalation-markdown.ts';
import { formatFindingsGithub } from '../present/findings-github.ts';
import { issueProblemsAnswer, issueTicketText } from '../present/issue-ticket.ts';
import { PR_SUMMARY_FORMAT, type PrSummaryData, prSummaryContent } from '../present/pr-summary-data.ts';
import { formatPrSummary } from '../present/pr-summary-markdown.ts';
import { logDocument, logLine } from '../present/workflow-commands.ts';
import { issueForm } from './github-issue-form.ts';
import { usableConfig, withTicketIndexFor } from './inputs.ts';

const CONNECTION = `  --repo OWNER/NAME     the repository (default: $GITHUB_REPOSITORY)
  --api-url URL         the REST API (default: $GITHUB_API_URL, else https://api.github.com)
  --bot-login LOGIN     the login the token writes as, e.g. my-app[bot] for a GitHub App
                        (default: $OPSBOOK_GITHUB_BOT_LOGIN, else GET /user, else github-actions[bot])`;

const githubHelp = `Usage: opsbook github <pr-summary|escalate|issue-to-ticket|issue-form> [options]

CI helpers for GitHub (docs/github.md):
  pr-summary        the sticky pull-request comment: findings and SLA of the changed tickets
  escalate          one issue per ticket whose running SLA clock is breached or at risk
  issue-to-ticket   an outage report (issue form) becomes a ticket file in a pull request
  issue-form        writes opsbook.yaml's public services into the outage form's choices

Run \`opsbook github <subcommand> --help\` for its options. Calls to the API need GITHUB_TOKEN.
`;

const prSummaryHelp = `Usage:
  opsbook github pr-summary --base REF [--at ISO] [--out FILE] [--data FILE --pr N --head SHA]
                            [--annotations]
  opsbook github pr-summary --post FILE [--expect-head SHA] [--pr N] [--repo OWNER/NAME]

The first form needs no token (safe in a pull request from a fork): it validates the files
changed since REF, as \`opsbook validate --changed-since REF\` does, and computes the SLA of the
tickets the branch adds or changes. It writes the comment (Markdown) to FILE or stdout, and
with --data the summary as data (JSON) for the second form.
The second form checks such data strictly, renders the comment itself, and posts it as one
comment on the data's pull request, editing its earlier one.

Options:
  --base REF            the target branch, e.g. origin/main
  --at ISO              the instant of the SLA state (default: now)
  --out FILE            write the Markdown to FILE instead of stdout
  --data FILE           write the data to FILE (needs --pr and --head)
  --pr N                the pull request number (with --post: refuse unless the data's)
  --head SHA            the pull request's head commit that is checked
  --annotations         also print the findings as workflow annotations (with --out or --data)
  --post FILE           the data to post (from a run of the first form)
  --expect-head SHA     refuse unless the data and the pull request are at commit SHA
${CONNECTION}
  --root DIR            the repository checkout (default: the folder with opsbook.yaml)

Exit codes: 0 done (also when the body reports errors: \`opsbook validate\` is the check that
fails), 2 the command failed.
`;

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

const SUBCOMMANDS: Record<string, (args: string[], io: CommandIo) => Promise<number>> = {
  'pr-summary': prSummary,
  escalate,
  'issue-to-ticket': issueToTicket,
  'issue-form': issueForm,
};

export async function githubCommand(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(githubHelp);
    return sub === undefined ? 2 : 0;
  }
  try {
    const run = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!run)
      throw new ExitError(
        `unknown subcommand "${sub}" (pr-summary, escalate, issue-to-ticket or issue-form)`,
      );
    return await run(rest, io);
  } catch (error) {
    const failure = githubFailure(error) ?? error;
    // The message may quote an issue, a ticket or GitHub's answer: one line, no workflow command.
    if (failure instanceof ExitError && failure.message)
      throw new ExitError(logLine(failure.message), failure.exitCode);
    throw failure;
  }
}

/**
 * Every line these commands print may quote untrusted text and lands in a job log: escaped
 * (workflow-commands.ts) so that it stays one line and is never a workflow command.
 */
function say(stream: { write(text: string): unknown }, line: string): void {
  stream.write(`${logLine(line)}\n`);
}

const connectionFlags = {
  repo: { type: 'string' },
  'api-url': { type: 'string' },
  'bot-login': { type: 'string' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function rootOf(values: { root?: string | undefined }, io: CommandIo): string {
  return findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
}

function connect(settings: GithubSettings, io: CommandIo): GithubClient {
  return createGithubClient(settings, (line) => say(io.stderr, `opsbook github: ${line}`));
}

function positiveInteger(flag: string, value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw new ExitError(`--${flag} must be a positive integer, not "${value}"`);
  return Number(value);
}

function commitSha(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(value))
    throw new ExitError(`--${flag} must be a full commit SHA, not "${value}"`);
  return value;
}

/** The artifact's text; its size is checked before it is read (a fork chose it). */
function readArtifact(path: string): string {
  try {
    if (statSync(path).size > MAX_ARTIFACT_BYTES)
      throw new ExitError(
        `${path} is larger than ${MAX_ARTIFACT_BYTES} bytes; not an opsbook pr-summary data file`,
      );
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ExitError) throw error;
    throw new ExitError(`--post ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
}

async function prSummary(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags('github pr-summary', args, {
    ...connectionFlags,
    base: { type: 'string' },
    at: { type: 'string' },
    out: { type: 'string' },
    annotations: { type: 'boolean' },
    post: { type: 'string' },
    pr: { type: 'string' },
    head: { type: 'string' },
    data: { type: 'string' },
    'expect-head': { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(prSummaryHelp);
    return 0;
  }
  if ((values.base === undefined) === (values.post === undefined))
    throw new ExitError('give either --base REF (make the summary) or --post FILE (post it)');
  const pr = values.pr === undefined ? undefined : positiveInteger('pr', values.pr);

  if (values.post !== undefined) {
    const head = commitSha('expect-head', values['expect-head']);
    const settings = githubSettings(values, io.env);
    const data = parsePrSummaryData(readArtifact(resolve(io.cwd, values.post)), values.post);
    if (pr !== undefined && data.pr !== pr)
      throw new ExitError(`${values.post} is for pull request #${data.pr}, not #${pr}`);
    const result = await postPrSummary(connect(settings, io), data, head);
    say(io.stdout, `${result.action} ${result.url}`);
    return 0;
  }

  const base = values.base as string;
  const at = parseAt(values.at, io);
  const root = rootOf(values, io);
  if (values.annotations && values.out === undefined && values.data === undefined)
    throw new ExitError('--annotations needs --out FILE or --data FILE (both would go to stdout)');
  const head = commitSha('head', values.head);
  if (values.data !== undefined && (pr === undefined || head === undefined))
    throw new ExitError('--data needs --pr N and --head SHA: the data is for one pull request at one commit');
  // The same check as `opsbook validate --changed-since REF`.
  const scope = await changedSinceScope(root, base, '--base');
  const result = await validateRepository({ root, ...scope, at });

  const config = loadConfig(root).config;
  const touched = scope.focus.filter((f) => f.startsWith(`${TICKET_DIR}/`));
  const facts = parseTicketFacts(root)(touched).filter((t) => t !== null);
  const sla = config
    ? buildSlaReport(
        facts.map((data) => ({ data })),
        config,
        at,
      )
    : null;
  const titles = new Map(facts.map((t) => [t.id, t.title]));
  const content = prSummaryContent({
    base,
    findings: result.findings,
    checkedFiles: result.checkedFiles,
    sla,
    calendars: config ? policyCalendars(config) : NO_CALENDARS,
    titleOf: (id) => titles.get(id),
  });
  if (values.data !== undefined && pr !== undefined && head !== undefined) {
    const data: PrSummaryData = { format: PR_SUMMARY_FORMAT, pr, head, ...content };
    writeFileSync(resolve(io.cwd, values.data), `${JSON.stringify(data, null, 2)}\n`);
  }
  const body = formatPrSummary(content);
  if (values.out !== undefined) writeFileSync(resolve(io.cwd, values.out), body);
  else if (values.data === undefined) io.stdout.write(logDocument(body));
  if (values.annotations)
    io.stdout.write(formatFindingsGithub(result.findings, result.checkedFiles).commands);
  // The body reports the findings; `opsbook validate` is the check that fails the pull request.
  return 0;
}

async function escalate(args: string[], io: CommandIo): Promise<number> {
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
    !values['no-cache'],
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

async function issueToTicket(args: string[], io: CommandIo): Promise<number> {
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
