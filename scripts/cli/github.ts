/**
 * `opsbook github pr-summary|escalate|issue-to-ticket|issue-form`: the CI helpers (docs/github.md).
 * This module dispatches to the subcommands (`github-pr-summary.ts`, `github-escalate.ts`,
 * `github-issue-to-ticket.ts`, `github-issue-form.ts`; what they share is in
 * `github-connection.ts`) and turns their failures into one safe log line.
 */
import { githubFailure } from '../github/client.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { logLine } from '../present/workflow-commands.ts';
import { escalate } from './github-escalate.ts';
import { issueForm } from './github-issue-form.ts';
import { issueToTicket } from './github-issue-to-ticket.ts';
import { prSummary } from './github-pr-summary.ts';

const githubHelp = `Usage: opsbook github <pr-summary|escalate|issue-to-ticket|issue-form> [options]

CI helpers for GitHub (docs/github.md):
  pr-summary        the sticky pull-request comment: findings and SLA of the changed tickets
  escalate          one issue per ticket whose running SLA clock is breached or at risk
  issue-to-ticket   an outage report (issue form) becomes a ticket file in a pull request
  issue-form        writes opsbook.yaml's public services into the outage form's choices

Run \`opsbook github <subcommand> --help\` for its options. Calls to the API need GITHUB_TOKEN.
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
