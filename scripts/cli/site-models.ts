/**
 * The site's models, one per audience, built from the shared loader and the derived data and
 * written where the Astro build reads them (`.opsbook-cache/site/`). Runs in a child process
 * (site-models-worker.ts) so that all of its memory is returned before Astro starts.
 */

import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Temporal } from 'temporal-polyfill';
import { onDutyAt } from '../derive/on-duty.ts';
import { reportPeriod } from '../derive/report-period.ts';
import { buildRunbookOverview } from '../derive/runbook-status.ts';
import { buildSlaReport, openTicketsOf, type SlaEntry } from '../derive/sla-report.ts';
import { isRepository, readTicketHistory, type TicketHistory } from '../git/history.ts';
import { localDate } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { loadRepository } from '../load/repository.ts';
import type { SiteAudience, SiteModel, SiteReport } from '../model/site.ts';
import type { OpsbookConfig, RunbookRecord } from '../model/types.ts';
import { formatReportMarkdown } from '../present/report-markdown.ts';
import { reportCharts } from '../present/report-svg.ts';
import { renderMarkdown } from '../present/site/markdown.ts';
import { buildSiteModel } from '../present/site/model.ts';
import { writeSiteModel } from '../present/site/model-file.ts';
import { withTicketIndexFor, zonedConfig } from './inputs.ts';
import { periodicReport, reviewPolicyOf } from './report.ts';

export interface ModelOptions {
  root: string;
  at: number;
  audiences: readonly SiteAudience[];
  /** Use the ticket index cache. */
  cache: boolean;
  /** Read the Git audit trail for the internal site. */
  history: boolean;
}

export interface PreparedModel {
  audience: SiteAudience;
  modelFile: string;
}

export async function prepareModels(options: ModelOptions, io: CommandIo): Promise<PreparedModel[]> {
  const { root, at } = options;
  const config = zonedConfig(root, io, 'site');
  const repo = loadRepository(root);
  const skipped = repo.ticketFiles.length - repo.tickets.length;
  if (skipped > 0)
    io.stderr.write(`opsbook site: skipped ${skipped} invalid ticket file(s) (run opsbook validate)\n`);
  const skippedRunbooks = repo.runbookFiles.length - repo.runbooks.length;
  if (skippedRunbooks > 0 && options.audiences.includes('internal'))
    io.stderr.write(
      `opsbook site: skipped ${skippedRunbooks} invalid runbook file(s) (run opsbook validate)\n`,
    );
  const prepared: PreparedModel[] = [];
  for (const audience of options.audiences) {
    const internal =
      audience === 'internal' ? await internalInputs(root, io, config, at, options, repo.runbooks) : {};
    const model = buildSiteModel({ audience, at, config, tickets: repo.tickets, ...internal });
    prepared.push({ audience, modelFile: writeModel(root, audience, model) });
  }
  return prepared;
}

type ModelMessage =
  | { type: 'stderr'; text: string }
  | { type: 'done'; prepared: PreparedModel[] }
  | { type: 'exit-error'; message: string; exitCode: number }
  | { type: 'crash'; stack: string };

/**
 * prepareModels in a child process (a worker thread's heap would stay in this process's resident
 * set); what it writes to stderr arrives on io.stderr.
 */
export function prepareModelsInChildProcess(options: ModelOptions, io: CommandIo): Promise<PreparedModel[]> {
  return new Promise((resolvePrepared, reject) => {
    const child = fork(fileURLToPath(new URL('./site-models-worker.ts', import.meta.url)), [], {
      cwd: io.cwd,
      // process.env too: git and the cache settings come from the real environment.
      env: { ...process.env, ...io.env, OPSBOOK_SITE_MODELS: JSON.stringify(options) },
      execArgv: ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let settled = false;
    child.on('message', (message: ModelMessage) => {
      if (message.type === 'stderr') io.stderr.write(message.text);
      else if (message.type === 'done') {
        settled = true;
        resolvePrepared(message.prepared);
      } else if (message.type === 'exit-error') {
        settled = true;
        reject(new ExitError(message.message, message.exitCode));
      } else {
        settled = true;
        const error = new Error('the site model process failed');
        error.stack = message.stack;
        reject(error);
      }
    });
    child.on('error', (error) => {
      settled = true;
      reject(error);
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`the site model process stopped with exit code ${code}`));
    });
  });
}

async function internalInputs(
  root: string,
  io: CommandIo,
  config: OpsbookConfig,
  at: number,
  options: ModelOptions,
  runbooks: readonly RunbookRecord[],
) {
  const zone = config.organization.timezone;
  const today = localDate(at, zone);
  const overview = buildRunbookOverview(runbooks, config, today);

  const policy = reviewPolicyOf(config);
  const { sla, slaById, reports } = await withTicketIndexFor(root, io, 'site', options.cache, (index) => {
    const sla = buildSlaReport(index.tickets, config, at);
    const slaById = new Map<string, SlaEntry>(sla.tickets.map((e) => [e.id, e]));
    const keep = [sla.settled];
    const reports: SiteReport[] = [];
    for (const [from, to] of reportPeriods(today)) {
      const period = reportPeriod(from, to, zone);
      const periodic = periodicReport({
        root,
        io,
        config,
        index,
        at,
        period,
        clauses: [],
        policy,
        today,
        runbooks,
      });
      keep.push(...periodic.keep);
      const charts = reportCharts(periodic.report);
      reports.push({
        from,
        to,
        html: renderMarkdown(formatReportMarkdown(periodic.report, periodic.markdown)),
        charts: charts.map((c) => ({ file: c.file, title: c.title, svg: c.svg })),
      });
    }
    return { result: { sla, slaById, reports }, keep };
  });

  let history: Map<string, TicketHistory> | null = null;
  // The repository may be a subfolder of a larger Git work tree: ask Git, not for a `.git` here.
  if (options.history && (await isRepository(root))) {
    try {
      history = await readTicketHistory(root);
    } catch (error) {
      io.stderr.write(`opsbook site: no audit trail: ${(error as Error).message}\n`);
    }
  }
  const duty = onDutyAt(config, at);
  const onDuty = Object.keys(config.rota ?? {}).map((team) => {
    const person = duty(team);
    return {
      team,
      teamName: config.teams?.[team]?.name ?? team,
      person: person?.name ?? null,
      github: person?.github ?? null,
    };
  });
  return {
    onDuty,
    sla: (id: string) => slaById.get(id)?.sla,
    openSla: openTicketsOf(sla),
    runbooks: { overview, records: runbooks },
    reports,
    history,
  };
}

/** The last full calendar month, and the twelve months up to `today` (local dates). */
function reportPeriods(today: string): [string, string][] {
  const thisMonth = Temporal.PlainDate.from(today).with({ day: 1 });
  return [
    [thisMonth.subtract({ months: 1 }).toString(), thisMonth.subtract({ days: 1 }).toString()],
    [thisMonth.subtract({ months: 11 }).toString(), today],
  ];
}

/** Writes the model where the Astro build reads it (`.opsbook-cache/site/`, git-ignored). */
function writeModel(root: string, audience: SiteAudience, model: SiteModel): string {
  const dir = join(root, '.opsbook-cache', 'site');
  mkdirSync(dir, { recursive: true });
  // One file per run: two builds of one repository at the same time must not share a model.
  const file = join(dir, `model-${audience}-${process.pid}-${Date.now().toString(36)}.ndjson`);
  writeSiteModel(file, model);
  return file;
}
