/**
 * `opsbook github pr-summary`: the sticky pull-request comment (docs/github.md). Without a token
 * it validates the files changed since the base and computes the SLA of the changed tickets,
 * writing the comment and, for a second run, the summary as data; that second run (`--post`)
 * checks the data strictly and posts the comment, editing its earlier one.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { changedSinceScope } from '../check/changed-since.ts';
import { validateRepository } from '../check/validate-repository.ts';
import { NO_CALENDARS, policyCalendars } from '../derive/policy-calendars.ts';
import { buildSlaReport } from '../derive/sla-report.ts';
import { githubSettings } from '../github/client.ts';
import { postPrSummary } from '../github/pr-summary.ts';
import { MAX_ARTIFACT_BYTES, parsePrSummaryData } from '../github/pr-summary-artifact.ts';
import { parseAt, parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { TICKET_DIR } from '../load/files.ts';
import { loadConfig } from '../load/repository.ts';
import { parseTicketFacts } from '../load/ticket-facts.ts';
import { formatFindingsGithub } from '../present/findings-github.ts';
import { PR_SUMMARY_FORMAT, type PrSummaryData, prSummaryContent } from '../present/pr-summary-data.ts';
import { formatPrSummary } from '../present/pr-summary-markdown.ts';
import { logDocument } from '../present/workflow-commands.ts';
import {
  CONNECTION,
  commitSha,
  connect,
  connectionFlags,
  positiveInteger,
  rootOf,
  say,
} from './github-connection.ts';

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

/** `opsbook github pr-summary`: makes the summary (--base) or posts it (--post). */
export async function prSummary(args: string[], io: CommandIo): Promise<number> {
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
