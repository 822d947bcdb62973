/**
 * The site's models, one per audience, built in one pass over the ticket files and written where
 * the Astro build reads them (`.opsbook-cache/site/`). Runs in a child process
 * (site-models-worker.ts) so that all of its memory is returned before Astro starts.
 */

import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Temporal } from 'temporal-polyfill';
import { onDutyAt } from '../derive/on-duty.ts';
import { periodicReport } from '../derive/report/periodic.ts';
import { reportPeriod } from '../derive/report-period.ts';
import { buildRunbookOverview } from '../derive/runbook-status.ts';
import { publicServiceIds } from '../derive/status-page-outlook.ts';
import { isRepository, readTicketHistory, type TicketHistory } from '../git/history.ts';
import { ExitError } from '../lib/errors.ts';
import { eachFileChunk } from '../lib/file-pool.ts';
import type { CommandIo } from '../lib/io.ts';
import { readMarkdownDocument } from '../load/documents.ts';
import { listMarkdownFiles, RUNBOOK_DIR, TICKET_DIR } from '../load/files.ts';
import { IndexedTicket } from '../load/ticket-index.ts';
import type { SiteAudience, SiteReport } from '../model/site.ts';
import type { OpsbookConfig, RunbookRecord } from '../model/types.ts';
import { localDate } from '../model/zone-offsets.ts';
import { formatReportMarkdown } from '../present/report-markdown.ts';
import { reportCharts } from '../present/report-svg.ts';
import { renderMarkdown } from '../present/site/markdown.ts';
import { type SiteHeadInput, SiteModelBuilder } from '../present/site/model.ts';
import { newestFirst, SiteModelWriter, withAuditTrail } from '../present/site/model-file.ts';
import { auditOf, ticketContext } from '../present/site/site-ticket.ts';
import { type TicketChunkInit, ticketChunkHandler } from '../present/site/ticket-chunks.ts';
import { reviewPolicyOf, zonedConfig } from './inputs.ts';

export interface ModelOptions {
  root: string;
  at: number;
  audiences: readonly SiteAudience[];
  /** Read the Git audit trail for the internal site. */
  history: boolean;
}

export interface PreparedModel {
  audience: SiteAudience;
  modelFile: string;
}

export async function prepareModels(options: ModelOptions, io: CommandIo): Promise<PreparedModel[]> {
  const { root, at, audiences } = options;
  const config = zonedConfig(root, io, 'site');
  const internalWanted = audiences.includes('internal');
  // Git runs while the runbooks are read.
  const history = internalWanted && options.history ? auditTrail(root, io) : Promise.resolve(null);
  const runbooks = internalWanted ? readRunbooks(root, io) : [];
  const trail = await history;

  const publicServices = publicServiceIds(config);
  const builds = audiences.map((audience) => {
    const writer = new SiteModelWriter(modelFileFor(root, audience));
    const builder = new SiteModelBuilder(ticketContext(audience, at, config, publicServices), (ticket) =>
      writer.add(ticket),
    );
    return { audience, writer, builder };
  });
  const publicBuild = builds.find((b) => b.audience === 'public');
  const internalBuild = builds.find((b) => b.audience === 'internal');

  // One pass over the ticket files: each is parsed and rendered once (on worker threads), its
  // site tickets go to disk, and only its facts stay for the reports.
  const files = listMarkdownFiles(root, TICKET_DIR).files;
  const factsByChunk: IndexedTicket[][] = [];
  let skipped = 0;
  const init: TicketChunkInit = {
    root,
    at,
    config,
    publicServices: [...publicServices],
    audiences: [...audiences],
  };
  await eachFileChunk(
    files,
    {
      worker: new URL('../present/site/ticket-chunks-worker.ts', import.meta.url),
      init: () => init,
      local: ticketChunkHandler(init),
      // One worker per core, and this thread only writes what they send: results never queue up.
      threads: availableParallelism() + 1,
      mainThreadWorks: false,
      // Files not in the page cache are read ahead in parallel (file-pool.ts, `looksCold`).
      prefetchRoot: root,
    },
    (results, index) => {
      const facts: IndexedTicket[] = [];
      for (const result of results) {
        if (!result) {
          skipped++;
          continue;
        }
        if (internalWanted) facts.push(new IndexedTicket(result.file, result.facts, null, {}));
        const { internal } = result;
        if (internal && internalBuild) {
          internalBuild.builder.note(result.spans, internal.slaRow);
          internalBuild.writer.addLines(
            internal,
            withAuditTrail(internal.lines, auditOf(trail?.get(internal.id))),
          );
        }
        if (result.public && publicBuild) {
          publicBuild.builder.note(result.spans, null);
          publicBuild.writer.addLines(result.public, result.public.lines);
        }
      }
      factsByChunk[index] = facts;
    },
  );
  if (skipped > 0)
    io.stderr.write(`opsbook site: skipped ${skipped} invalid ticket file(s) (run opsbook validate)\n`);

  const prepared: PreparedModel[] = [];
  for (const { audience, writer, builder } of builds) {
    const head =
      audience === 'internal'
        ? builder.head(internalHead(config, at, runbooks, factsByChunk.flat()))
        : builder.head();
    writer.close(head, newestFirst);
    prepared.push({ audience, modelFile: writer.file });
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
      env: { ...process.env, ...io.env },
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
    child.send(options);
  });
}

/** The Git audit trail by ticket, or null outside a repository or when Git fails. */
async function auditTrail(root: string, io: CommandIo): Promise<Map<string, TicketHistory> | null> {
  // The repository may be a subfolder of a larger Git work tree: ask Git, not for a `.git` here.
  if (!(await isRepository(root))) return null;
  try {
    return await readTicketHistory(root);
  } catch (error) {
    io.stderr.write(`opsbook site: no audit trail: ${(error as Error).message}\n`);
    return null;
  }
}

function readRunbooks(root: string, io: CommandIo): RunbookRecord[] {
  const runbooks: RunbookRecord[] = [];
  let skipped = 0;
  for (const file of listMarkdownFiles(root, RUNBOOK_DIR).files) {
    const doc = readMarkdownDocument(join(root, file), file, 'runbook').document;
    if (doc) runbooks.push({ file, data: doc.data, body: doc.body, bodyLine: doc.bodyLine });
    else skipped++;
  }
  if (skipped > 0)
    io.stderr.write(`opsbook site: skipped ${skipped} invalid runbook file(s) (run opsbook validate)\n`);
  return runbooks;
}

/** The internal model's head: runbooks, the periodic reports and who is on duty. */
function internalHead(
  config: OpsbookConfig,
  at: number,
  runbooks: readonly RunbookRecord[],
  tickets: IndexedTicket[],
): SiteHeadInput {
  const zone = config.organization.timezone;
  const today = localDate(at, zone);
  const overview = buildRunbookOverview(runbooks, config, today);

  const policy = reviewPolicyOf(config);
  const reports: SiteReport[] = [];
  for (const [from, to] of reportPeriods(today)) {
    const period = reportPeriod(from, to, zone);
    const { report, markdown } = periodicReport({
      config,
      tickets,
      at,
      period,
      clauses: [],
      policy,
      today,
      runbooks,
      customFields: () => ({}),
    });
    const charts = reportCharts(report);
    reports.push({
      from,
      to,
      html: renderMarkdown(formatReportMarkdown(report, markdown)),
      charts: charts.map((c) => ({ file: c.file, title: c.title, svg: c.svg })),
    });
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
  return { onDuty, runbooks: { overview, records: runbooks }, reports };
}

/** The last full calendar month, and the twelve months up to `today` (local dates). */
function reportPeriods(today: string): [string, string][] {
  const thisMonth = Temporal.PlainDate.from(today).with({ day: 1 });
  return [
    [thisMonth.subtract({ months: 1 }).toString(), thisMonth.subtract({ days: 1 }).toString()],
    [thisMonth.subtract({ months: 11 }).toString(), today],
  ];
}

/** Where the model goes (`.opsbook-cache/site/`, git-ignored), with its `.details` file next to it. */
function modelFileFor(root: string, audience: SiteAudience): string {
  const dir = join(root, '.opsbook-cache', 'site');
  mkdirSync(dir, { recursive: true });
  // One file per run: two builds of one repository at the same time must not share a model.
  return join(dir, `model-${audience}-${process.pid}-${Date.now().toString(36)}.ndjson`);
}
