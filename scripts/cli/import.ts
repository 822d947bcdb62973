/**
 * `opsbook import SOURCE INPUT`: a team's history from another tool, as ticket files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { readExistingTickets } from '../import/existing.ts';
import { type ImportMap, Mapper, readMapFile } from '../import/map-file.ts';
import type { ImportProblem, SourceResult } from '../import/model.ts';
import { planImport } from '../import/plan.ts';
import { SOURCES, type SourceName } from '../import/sources.ts';
import { fetchStatuspage, isPageUrl } from '../import/statuspage-fetch.ts';
import { oneOf, parseDateFlag, parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { applyChange, interruptionFrom, recoverJournal } from '../lib/journal.ts';
import { startProgress } from '../lib/progress.ts';
import { CONFIG_FILE, findRepositoryRoot } from '../load/files.ts';
import { loadConfig } from '../load/repository.ts';
import { terminalCell } from '../present/escape.ts';
import { importReport } from '../present/import-report.ts';

const importHelp = `Usage: opsbook import SOURCE INPUT [options]

Writes ticket files from another tool's export, adds the services, teams and customers they
name to opsbook.yaml, and prints what it did. Importing the same input again changes nothing;
a newer export updates the tickets an earlier import brought (found by their x-source).

Sources:
  servicenow FILE.csv     ServiceNow incident export (list view, or one row per update)
  jira FILE.csv           Jira Service Management issue export
  statuspage DIR|URL      Statuspage public API v2 files (summary.json, incidents.json, ...),
                          saved in a folder or fetched from the page's address
  cstate DIR              a cState site (config.yml and content/issues/*.md)

Options:
  --map FILE              columns, date format and value translations (docs/import.md)
  --dry-run               print what would change, write nothing
  --since DATE            only records active on or after DATE (YYYY-MM-DD, organisation's zone)
  --on-error skip|stop    a record with a value that cannot be mapped: skip it (default, exit 1)
                          or stop the run before anything is written (exit 2)
  --root DIR              the repository
`;

export async function importCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'import',
    args,
    {
      map: { type: 'string' },
      'dry-run': { type: 'boolean' },
      since: { type: 'string' },
      'on-error': { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(importHelp);
    return 0;
  }
  const [source, input] = positionals;
  if (positionals.length !== 2 || source === undefined || input === undefined)
    throw new ExitError('say what to import: opsbook import SOURCE INPUT (see opsbook import --help)');
  if (!Object.hasOwn(SOURCES, source))
    throw new ExitError(
      `unknown source "${terminalCell(source, 40)}" (known: ${Object.keys(SOURCES).join(', ')})`,
    );
  const onError = oneOf('on-error', values['on-error'], ['skip', 'stop'] as const, 'skip');
  // A Statuspage page may be named by its address: its API documents are fetched first.
  const fetched = source === 'statuspage' && isPageUrl(input) ? await fetchStatuspage(input) : null;
  try {
    const inputPath = fetched ? fetched.dir : resolve(io.cwd, input);
    if (!existsSync(inputPath)) throw new ExitError(`${input}: no such file or folder`);
    const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
    const recovered = recoverJournal(root);
    if (recovered) io.stderr.write(`opsbook: ${recovered}\n`);
    const { config } = loadConfig(root);
    if (!config) throw new ExitError(`${CONFIG_FILE} has errors; run \`opsbook validate\` first`);
    const zone = config.organization.timezone;
    const since =
      values.since === undefined
        ? undefined
        : Temporal.PlainDate.from(parseDateFlag('since', values.since)).toZonedDateTime(zone)
            .epochMilliseconds;
    const map: ImportMap = values.map ? readMapFile(resolve(io.cwd, values.map), values.map) : {};
    const entry = SOURCES[source as SourceName];
    if (statSync(inputPath).isDirectory() !== (entry.input === 'folder'))
      throw new ExitError(
        `${input}: ${source} reads ${entry.input === 'file' ? 'an export file, not a folder' : "a folder (the site's files), not a file"}`,
      );
    const mapper = new Mapper(map, entry.timeZone ?? zone, entry.dateFormat, config);

    const stop = (p: ImportProblem) => {
      if (onError === 'stop')
        throw new ExitError(
          `${terminalCell(p.where, 200)}, field ${p.field}: ${terminalCell(p.message, 300)}; nothing was written`,
        );
    };
    const result: SourceResult = await entry.read(inputPath, mapper, config);
    const existing = readExistingTickets(root);
    const progress = startProgress(io, 'import');
    const plan = planImport(config, readFileSync(`${root}/${CONFIG_FILE}`, 'utf8'), existing, result, {
      since,
      onProblem: stop,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.done();
    const dryRun = values['dry-run'] === true;
    if (!dryRun && plan.change.write.length > 0) {
      applyChange(root, `import ${source} ${basename(input)}`, plan.change, interruptionFrom(io.env));
    }
    io.stdout.write(importReport(plan, dryRun));
    return plan.outcomes.some((o) => o.action === 'skipped') ? 1 : 0;
  } finally {
    fetched?.cleanup();
  }
}
