/**
 * What `opsbook github issue-to-ticket` writes: the ticket file made from an outage report, the
 * pull request that proposes it, and the answer on the issue.
 *
 * The reporter's words are untrusted. In the ticket they go into YAML only through the YAML
 * dumper (`newTicketText`, the one `opsbook new` uses, and `dump` for the extra fields), and
 * into the Markdown body only inside fenced blocks that they cannot close, so they can neither
 * change the frontmatter nor bring raw HTML, links or images into the body. On GitHub they lose
 * their mentions and are escaped.
 */
import { dump, JSON_SCHEMA } from 'js-yaml';
import type { OutageReport } from '../derive/issue-form.ts';
import { breakMentions, fencedText, ISSUE_ANSWER_MARKER, titleText } from './github-text.ts';
import { newTicketText } from './new-file.ts';
import { md } from './report-markdown-parts.ts';

export interface IssueFacts {
  number: number;
  /** The reporter's GitHub login (only shown when it is a valid login). */
  login: string | null;
}

export interface IssueTicketFields {
  id: string;
  title: string;
  report: OutageReport;
  /** Local ISO time with offset: when the issue was opened. */
  reportedAt: string;
  issue: IssueFacts;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

function validLogin(login: string | null | undefined): string | null {
  return login && LOGIN.test(login) ? login : null;
}

/** The ticket file: a new incident, as `opsbook new incident` writes it, with the report in its body. */
export function issueTicketText(f: IssueTicketFields): string {
  const login = validLogin(f.issue.login);
  const base = newTicketText({
    id: f.id,
    title: f.title,
    kind: 'incident',
    impact: f.report.impact,
    urgency: f.report.urgency,
    services: f.report.services,
    channel: 'web-form',
    reported_by: f.report.contact ?? (login ? `GitHub user ${login}` : undefined),
    reportedAt: f.reportedAt,
  });
  // newTicketText writes `---\n<frontmatter>---\n<body>`; the dumped YAML cannot contain a line
  // `---` (multi-line strings are indented), so the first one closes the frontmatter.
  const end = base.indexOf('\n---\n');
  const frontmatter = base.slice(0, end + 1);
  const extra = dump({ 'x-github-issue': f.issue.number }, { schema: JSON_SCHEMA, lineWidth: -1 });
  const body = [
    '## Description',
    '',
    `Reported with the outage form in GitHub issue #${f.issue.number}${login ? ` by \`${login}\`` : ''}. What is happening, in the reporter's words:`,
    '',
    fencedText(f.report.description),
    '',
    ...(f.report.since ? ['Since when, as reported:', '', fencedText(f.report.since), ''] : []),
    '## Steps taken',
    '',
  ].join('\n');
  return `${frontmatter}${extra}---\n${body}`;
}

export function ticketBranch(issue: number): string {
  return `opsbook/issue-${issue}`;
}

export function commitMessage(id: string, issue: number): string {
  return `Log ${id} from issue #${issue}`;
}

/** The ticket ID in a commit message written by `commitMessage`, or null. */
export function idOfCommitMessage(message: string): string | null {
  return /^Log ((?:INC|REQ|PRB|MNT)-\d{4}-\d{4,}) from issue #\d+/.exec(message)?.[1] ?? null;
}

/** The ticket ID at the start of a pull request's title written by `pullRequestTitle`, or null. */
export function idOfPullTitle(title: string): string | null {
  return /^((?:INC|REQ|PRB|MNT)-\d{4}-\d{4,}):/.exec(title)?.[1] ?? null;
}

export function pullRequestTitle(id: string, title: string): string {
  return titleText(`${id}: ${title}`);
}

export function pullRequestBody(id: string, file: string, issue: number): string {
  return [
    `Logs **${id}** (\`${file}\`) from the outage report in #${issue}.`,
    '',
    'Before merging: check the service, impact and urgency, add the customer if there is one, and',
    "acknowledge the report (`acknowledged_at`) when someone has responded to it. The reporter's",
    'text stands in the body as they wrote it.',
    '',
    '_Opened by `opsbook github issue-to-ticket`._',
    '',
  ].join('\n');
}

export function issueAnswer(id: string, pull: number): string {
  return [
    ISSUE_ANSWER_MARKER,
    `Thank you for the report. It is logged as **${id}**; the service desk picks it up in #${pull}.`,
    '',
  ].join('\n');
}

export function issueProblemsAnswer(problems: readonly string[]): string {
  return [
    ISSUE_ANSWER_MARKER,
    'Thank you for the report. It could not be logged automatically:',
    '',
    ...problems.map((p) => `- ${breakMentions(md(p))}`),
    '',
    'Please edit the issue (the form fields above) or tell the service desk another way.',
    '',
  ].join('\n');
}
