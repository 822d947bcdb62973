/**
 * Checks many files, spread over worker threads (lib/file-pool.ts) when there are enough of
 * them. Each thread reads, parses and checks its share and sends back only the findings and the
 * few facts the cross-file rules need, never the parsed tickets.
 */
import { detachStrings } from '../lib/detached-strings.ts';
import { mapFileChunks } from '../lib/file-pool.ts';
import { checkFile, type FileCheckContext, type FileCheckResult } from './check-file.ts';

export interface CheckFilesOptions {
  onProgress?: (done: number, total: number) => void;
  /** Threads to use; default: the machine's parallelism (see file-pool.ts). 1 = in-process. */
  threads?: number;
  /** Results for every file (to be cached), not only those with findings or a `duplicate_of`. */
  all?: boolean;
}

export interface WorkerInit {
  root: string;
  config: FileCheckContext['config'];
  ticketIds: string[];
  runbookIds: string[];
  today: string;
  all: boolean;
}

/**
 * The checker of one chunk of files: results for every file with `all`, else only for files
 * with findings or a `duplicate_of`.
 */
export function chunkChecker(
  ctx: FileCheckContext,
  all = false,
): (files: readonly string[]) => FileCheckResult[] {
  return (files) => {
    const results: FileCheckResult[] = [];
    for (const file of files) {
      const result = checkFile(file, ctx);
      if (all || result.findings.length > 0 || result.duplicateOf || result.dupFacts) results.push(result);
    }
    return results;
  };
}

/** Results in the order of `files` (see CheckFilesOptions.all). */
export function checkFiles(
  files: readonly string[],
  ctx: FileCheckContext,
  options: CheckFilesOptions = {},
): Promise<FileCheckResult[]> {
  const check = chunkChecker(ctx, options.all);
  return mapFileChunks(files, {
    worker: new URL('./check-worker.ts', import.meta.url),
    init: (): WorkerInit => ({
      root: ctx.root,
      config: ctx.config,
      ticketIds: [...ctx.ticketIds],
      runbookIds: [...ctx.runbookIds],
      today: ctx.today,
      all: options.all ?? false,
    }),
    // Kept to the end: copies, not views into the texts of the files (threads send copies).
    local: (chunk) => detachStrings(check(chunk)),
    prefetchRoot: ctx.root,
    threads: options.threads,
    onProgress: options.onProgress,
  });
}
