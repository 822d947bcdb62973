/**
 * Validation of a repository (or a focused part of it): the config, every file, and the rules
 * across files. Returns located, sorted findings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDuplicateCycles, checkDuplicateIds, type DuplicateLink } from '../derive/check-repository.ts';
import { checkConfig } from '../derive/config-rules.ts';
import { type DuplicateFacts, duplicateSuspicion } from '../derive/duplicate-suspicion.ts';
import { checkIssueForm, ISSUE_FORM_FILE } from '../derive/issue-form-services.ts';
import { checkRota } from '../derive/rota-rules.ts';
import { JOURNAL_FILE, pendingJournal } from '../lib/journal.ts';
import { readMarkdownDocument } from '../load/documents.ts';
import { CONFIG_FILE, listMarkdownFiles, RUNBOOK_DIR, TICKET_DIR } from '../load/files.ts';
import { locateFindings } from '../load/locate.ts';
import { loadConfig } from '../load/repository.ts';
import type { RuleFinding } from '../load/rule-finding.ts';
import { statStampsSoon } from '../load/stat-stamps.ts';
import { cacheDirectory, cacheWanted } from '../load/ticket-index.ts';
import { compareFindings, type Finding } from '../model/finding.ts';
import { idFromPath, ticketPath } from '../model/ids.ts';
import { localDate } from '../model/zone-offsets.ts';
import type { FileCheckResult } from './check-file.ts';
import { checkFiles } from './check-files.ts';
import { type ClosedEditBase, checkClosedEdits } from './closed-edits.ts';
import { loadRarity, saveRarity } from './rarity-cache.ts';
import { openValidateCache } from './validate-cache.ts';

export interface ValidateOptions {
  root: string;
  /** Repository-relative files to check (opsbook.yaml among them or not); all when absent. */
  focus?: readonly string[];
  /** Added files whose ID the target branch already uses, with the file that uses it there. */
  takenOnTarget?: ReadonlyMap<string, string>;
  /** Compare the checked tickets with this base for `history/closed-edited` (`--changed-since`). */
  closedSince?: ClosedEditBase;
  /**
   * The options `--changed-since` sets (`scope`, replacing `focus`, `takenOnTarget` and
   * `closedSince`) while the git processes that find them run: once their pass over the working
   * tree is under way (`underWay`), the configuration is read and the files are listed
   * meanwhile (at 100,000 tickets on a 2-vCPU machine: about 0.3 s of git, 0.25 s of listing).
   */
  later?: {
    scope: Promise<Pick<ValidateOptions, 'focus' | 'takenOnTarget' | 'closedSince'>>;
    underWay: Promise<void>;
  };
  /** Only these of the checked tickets are compared with `closedSince` (uncommitted edits). */
  closedEditFiles?: readonly string[] | Promise<readonly string[]>;
  /** The instant that counts as now (epoch ms). */
  at: number;
  onProgress?: (done: number, total: number) => void;
  threads?: number;
  /** Use the validation cache for whole-repository runs (default true; see validate-cache.ts). */
  cache?: boolean;
  /** The wall clock for the cache's racy-file rule (tests move it forward). */
  cacheNow?: () => number;
}

export interface ValidateResult {
  findings: Finding[];
  /** Files checked, opsbook.yaml included. */
  checkedFiles: number;
}

export async function validateRepository(given: ValidateOptions): Promise<ValidateResult> {
  const { root, later } = given;
  if (later) {
    // Until git goes over the working tree (or has failed), and one turn more, in which its
    // processes start: the listing below then runs beside them.
    await Promise.race([later.underWay, later.scope.then(undefined, () => undefined)]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const configResult = loadConfig(root);
  const config = configResult.config;
  const ticketListing = listMarkdownFiles(root, TICKET_DIR);
  const runbookListing = listMarkdownFiles(root, RUNBOOK_DIR);
  const options: ValidateOptions = later ? { ...given, ...(await later.scope) } : given;
  const { focus } = options;
  const configInFocus = focus === undefined || focus.includes(CONFIG_FILE);

  const all = [...ticketListing.files, ...runbookListing.files];
  const files = focus === undefined ? all : focus.filter((f) => f !== CONFIG_FILE);
  const checked = new Set(files);

  const ruleFindings: RuleFinding[] = [
    // A broken config concerns every check, so its errors are always reported.
    ...configResult.findings.filter((f) => configInFocus || f.severity === 'error'),
    ...[...ticketListing.findings, ...runbookListing.findings].filter(
      (f) => focus === undefined || checked.has(f.file),
    ),
  ];
  ruleFindings.push(...checkDuplicateIds(ticketListing.files, checked, 'ticket ID'));
  ruleFindings.push(...checkDuplicateIds(runbookListing.files, checked, 'runbook ID'));

  const ctx = {
    root,
    config,
    ticketIds: new Set(ticketListing.files.map(idFromPath)),
    runbookIds: new Set(runbookListing.files.map(idFromPath)),
    today: localDate(options.at, config?.organization.timezone ?? 'UTC'),
  };
  const checkOptions = { onProgress: options.onProgress, threads: options.threads };
  let results: FileCheckResult[];
  if (focus === undefined && cacheWanted(options.cache)) {
    // The stamps are taken (in a worker, for many files) while the cache is read.
    const stampsPending = statStampsSoon(root, files);
    const cache = openValidateCache(cacheDirectory(root), {
      configText: configResult.yaml,
      now: options.cacheNow,
      ...ctx,
    });
    const stamps = await stampsPending;
    const all = new Map<string, FileCheckResult>();
    const missing: string[] = [];
    files.forEach((file, i) => {
      const hit = cache.lookup(file, stamps, i);
      if (hit) all.set(file, hit);
      else missing.push(file);
    });
    for (const r of await checkFiles(missing, ctx, { ...checkOptions, all: true })) all.set(r.file, r);
    if (missing.length > 0) cache.save(files, stamps, all);
    results = [...all.values()];
  } else {
    results = await checkFiles(files, ctx, checkOptions);
  }

  // After the files: the calendar checks load the holiday data, which the workers need not wait for.
  if (config && configInFocus) ruleFindings.push(...checkConfig(config), ...checkRota(config, options.at));
  if (config && (focus === undefined || configInFocus || focus.includes(ISSUE_FORM_FILE))) {
    const form = readIssueForm(root);
    if (form !== null) ruleFindings.push(...checkIssueForm(form, config));
  }

  // Look-alike tickets, among the checked ones (all of them in a whole-repository run), their
  // words weighed by all titles: counted now, or by the last whole-repository run when focused.
  const dupFacts: DuplicateFacts[] = [];
  for (const r of results) if (r.dupFacts) dupFacts.push(r.dupFacts);
  const useCache = cacheWanted(options.cache);
  const suspicion = duplicateSuspicion(
    dupFacts,
    focus !== undefined && useCache ? loadRarity(cacheDirectory(root)) : undefined,
  );
  ruleFindings.push(...suspicion.findings);
  if (focus === undefined && useCache) saveRarity(cacheDirectory(root), suspicion.rarity());

  const links: DuplicateLink[] = [];
  for (const r of results)
    if (r.duplicateOf) links.push({ id: r.duplicateOf.id, file: r.file, duplicateOf: r.duplicateOf.target });
  ruleFindings.push(
    ...checkDuplicateCycles(links, focus === undefined ? undefined : duplicateOfOnDisk(root)),
  );

  // Outside the per-file cache: the answer depends on the base commit, not only on the file.
  if (options.closedSince) {
    const only = options.closedEditFiles ? new Set(await options.closedEditFiles) : null;
    const compared = only ? files.filter((f) => only.has(f)) : files;
    ruleFindings.push(...(await checkClosedEdits(root, options.closedSince, compared)));
  }

  const journal = pendingJournal(root);
  if (journal) {
    ruleFindings.push({
      file: JOURNAL_FILE,
      code: 'repo/unfinished-change',
      severity: 'error',
      line: 1,
      col: 1,
      message: `an interrupted \`opsbook ${journal}\` left its journal; the next opsbook command that writes (new, update, renumber, init) finishes it`,
    });
  }

  for (const [file, owner] of options.takenOnTarget ?? []) {
    const id = idFromPath(file);
    ruleFindings.push({
      file,
      code: 'id/taken-on-target',
      severity: 'error',
      line: 1,
      col: 1,
      message: `${id} is already used on the target branch by ${owner}; take a free number with \`opsbook renumber ${id} <NEW-ID>\``,
    });
  }

  const findings = [
    ...locateFindings(root, ruleFindings, new Map([[CONFIG_FILE, configResult.yaml]])),
    ...results.flatMap((r) => r.findings),
  ].sort(compareFindings);
  return { findings, checkedFiles: files.length + 1 };
}

/** The outage issue form's text, or null when the repository has none. */
function readIssueForm(root: string): string | null {
  try {
    return readFileSync(join(root, ISSUE_FORM_FILE), 'utf8');
  } catch {
    return null;
  }
}

/** `duplicate_of` of a ticket read from its file, for chains that leave a focused run. */
function duplicateOfOnDisk(root: string): (id: string) => string | undefined {
  return (id) => {
    const file = ticketPath(id);
    if (!existsSync(join(root, file))) return undefined;
    const raw = readMarkdownDocument(join(root, file), file, 'ticket').raw;
    return typeof raw?.duplicate_of === 'string' ? raw.duplicate_of : undefined;
  };
}
