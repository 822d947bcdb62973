/**
 * `opsbook runbooks [--stale] [--at ISO] [--format text|json] [--fail-on stale|missing-dr]`:
 * the runbooks by service, the stale ones, and the central services without a
 * disaster-recovery runbook.
 */
import { join, resolve } from 'node:path';
import { buildRunbookOverview, type RunbookSource } from '../derive/runbook-status.ts';
import { oneOf, parseAt, parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { readMarkdownDocument } from '../load/documents.ts';
import { findRepositoryRoot, listMarkdownFiles, RUNBOOK_DIR } from '../load/files.ts';
import { isoUtcToSecond } from '../model/time.ts';
import { localDate } from '../model/zone-offsets.ts';
import {
  formatRunbooksJson,
  formatRunbooksText,
  formatStaleRunbooksText,
} from '../present/runbooks-overview.ts';
import { zonedConfig } from './inputs.ts';

const runbooksHelp = `Usage: opsbook runbooks [options]

The runbooks by service: when each was reviewed and drilled and when that is due again, which
runbooks are stale, and which central services have no disaster-recovery runbook.

A runbook is stale past last_reviewed + review_every, past last_tested + test_every, or when
it has test_every and was never drilled. It counts as disaster recovery when it states both
rto and rpo (docs/reviews.md).

Options:
  --stale               only the stale runbooks and the central services without one
  --at ISO              the instant (default: now); its date in the organisation's time zone counts
  --format FORMAT       text (default) or json
  --fail-on WHAT        exit 1 when a runbook is stale (stale), when a central service has no
                        disaster-recovery runbook (missing-dr), or either (stale,missing-dr)
  --root DIR            the repository (default: the folder with opsbook.yaml at or above the current one)

Exit codes: 0 done, 1 --fail-on matched, 2 the command failed.
`;

const FAIL_ON = ['stale', 'missing-dr'] as const;

export async function runbooksCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'runbooks',
    args,
    {
      stale: { type: 'boolean' },
      at: { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(runbooksHelp);
    return 0;
  }
  if (positionals.length > 0) throw new ExitError(`unexpected argument "${positionals[0]}"`);
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const failOn =
    values['fail-on'] === undefined
      ? []
      : values['fail-on'].split(',').map((v) => oneOf('fail-on', v.trim(), FAIL_ON, 'stale'));
  const at = parseAt(values.at, io);
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);

  const config = zonedConfig(root, io, 'runbooks');
  const zone = config.organization.timezone;

  const sources: RunbookSource[] = [];
  const invalid: string[] = [];
  for (const file of listMarkdownFiles(root, RUNBOOK_DIR).files) {
    const doc = readMarkdownDocument(join(root, file), file, 'runbook').document;
    if (doc) sources.push({ file, data: doc.data });
    else invalid.push(file);
  }
  if (invalid.length > 0) {
    const shown = invalid.slice(0, 3).join(', ');
    const more = invalid.length > 3 ? ` and ${invalid.length - 3} more` : '';
    io.stderr.write(
      `opsbook runbooks: skipped ${invalid.length} invalid runbook file(s): ${shown}${more} (run opsbook validate)\n`,
    );
  }

  const overview = buildRunbookOverview(sources, config, localDate(at, zone));
  const atIso = isoUtcToSecond(at);
  if (format === 'json') io.stdout.write(formatRunbooksJson(overview, atIso, Boolean(values.stale)));
  else if (values.stale) io.stdout.write(formatStaleRunbooksText(overview, zone));
  else io.stdout.write(formatRunbooksText(overview, zone));

  const failed =
    (failOn.includes('stale') && overview.summary.stale > 0) ||
    (failOn.includes('missing-dr') && overview.summary.uncovered > 0);
  return failed ? 1 : 0;
}
