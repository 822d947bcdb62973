/**
 * `opsbook validate [paths] [--changed-since REF] [--format text|json|github]`
 */
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { changedSinceScope } from '../check/changed-since.ts';
import { validateRepository } from '../check/validate-repository.ts';
import { uncommittedTickets } from '../git/changed-files.ts';
import { oneOf, parseAt, parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { startProgress } from '../lib/progress.ts';
import {
  CONFIG_FILE,
  findRepositoryRoot,
  listMarkdownFiles,
  RUNBOOK_DIR,
  TICKET_DIR,
} from '../load/files.ts';
import { countBySeverity } from '../model/finding.ts';
import { formatFindingsGithub } from '../present/findings-github.ts';
import { formatFindingsJson } from '../present/findings-json.ts';
import { formatFindingsText, wantsColor } from '../present/findings-text.ts';

const validateHelp = `Usage: opsbook validate [paths...] [options]

Checks tickets, runbooks and opsbook.yaml against the schemas and the consistency rules.

Options:
  --changed-since REF   check only what changed since REF (and references against the whole repository)
  --format FORMAT       text (default), json, or github (workflow annotations + job summary)
  --at ISO              the instant that counts as now (default: the current time)
  --no-cache            check every file instead of reusing unchanged results from .opsbook-cache/
  --root DIR            the repository (default: the folder with opsbook.yaml at or above the current one)

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 the command failed.
`;

/** Turns command-line paths into repository-relative ticket and runbook files. */
function expandPaths(root: string, cwd: string, paths: string[]): string[] {
  const files = new Set<string>();
  for (const p of paths) {
    // Relative to the current folder, or else to the repository root.
    const fromCwd = resolve(cwd, p);
    const absolute = existsSync(fromCwd) ? fromCwd : resolve(root, p);
    const rel = relative(root, absolute).split(sep).join('/');
    if (rel.startsWith('..')) throw new ExitError(`${p} lies outside the repository ${root}`);
    if (!existsSync(absolute)) throw new ExitError(`${p}: no such file or folder`);
    if (statSync(absolute).isDirectory()) {
      const inside = (f: string) => rel === '' || f === rel || f.startsWith(`${rel}/`);
      for (const dir of [TICKET_DIR, RUNBOOK_DIR]) {
        for (const f of listMarkdownFiles(root, dir).files) if (inside(f)) files.add(f);
      }
      if (rel === '') files.add(CONFIG_FILE);
    } else {
      files.add(rel);
    }
  }
  return [...files];
}

export async function validateCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'validate',
    args,
    {
      'changed-since': { type: 'string' },
      format: { type: 'string' },
      at: { type: 'string' },
      root: { type: 'string' },
      'no-cache': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(validateHelp);
    return 0;
  }
  const format = oneOf('format', values.format, ['text', 'json', 'github'] as const, 'text');
  const at = parseAt(values.at, io);
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);

  const focus: string[] | undefined =
    positionals.length > 0 ? expandPaths(root, io.cwd, positionals) : undefined;
  const since = values['changed-since'];
  // `--changed-since`: the files are listed while git goes over the working tree (`later`).
  const underWay = Promise.withResolvers<void>();
  const later =
    since === undefined
      ? undefined
      : {
          scope: changedSinceScope(root, since, undefined, underWay.resolve).then((scope) => ({
            ...scope,
            focus: focus ? focus.filter((f) => scope.focus.includes(f)) : scope.focus,
          })),
          underWay: underWay.promise,
        };
  // A whole-repository run compares uncommitted edits with the last commit instead (the edit
  // that is about to be committed); `git diff` runs while nothing else waits for it.
  const uncommitted = since === undefined ? uncommittedTickets(root) : undefined;

  const progress = startProgress(io, 'validating');
  const result = await validateRepository({
    root,
    focus,
    later,
    at,
    onProgress: progress.update,
    cache: !values['no-cache'],
    ...(uncommitted && {
      closedSince: { commit: 'HEAD', label: 'the last commit' },
      closedEditFiles: uncommitted,
    }),
  });
  progress.done();

  if (format === 'json') {
    io.stdout.write(formatFindingsJson(result.findings, result.checkedFiles));
  } else if (format === 'github') {
    const out = formatFindingsGithub(result.findings, result.checkedFiles);
    io.stdout.write(out.commands);
    const summaryFile = io.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) appendFileSync(summaryFile, out.summary);
    const { errors, warnings } = countBySeverity(result.findings);
    io.stderr.write(
      `opsbook validate: ${errors} errors, ${warnings} warnings in ${result.checkedFiles} checked files\n`,
    );
  } else {
    io.stdout.write(
      formatFindingsText(result.findings, { color: wantsColor(io.stdout, io.env) }, result.checkedFiles),
    );
  }
  return countBySeverity(result.findings).errors > 0 ? 1 : 0;
}
