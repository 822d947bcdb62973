/**
 * Checks many files, spread over worker threads when there are enough of them to pay for the
 * threads' start-up. Each worker reads, parses and checks its share and sends back only the
 * findings and the few facts the cross-file rules need, never the parsed tickets.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkFile, type FileCheckContext, type FileCheckResult } from './check-file.ts';

/** Below this many files one thread is faster than starting workers. */
export const PARALLEL_THRESHOLD = 2500;
const CHUNK = 500;

export interface CheckFilesOptions {
  onProgress?: (done: number, total: number) => void;
  /** Worker threads to use; default: the machine's parallelism (at most 8). 1 = in-process. */
  threads?: number;
}

export interface WorkerInit {
  root: string;
  config: FileCheckContext['config'];
  ticketIds: string[];
  runbookIds: string[];
  today: string;
}

/** Above this many files, two threads more than cores: while one waits for the disk, another works. */
const IO_OVERLAP_THRESHOLD = 20_000;

/**
 * OPSBOOK_THREADS when set to a number, else the machine's parallelism, plus two for large
 * repositories (measured on 2 cores, 100,000 files: 8.0 s with 2 threads, 7.3 s with 4 on a warm
 * page cache, 20.3 s and 14.7 s on a cold one; for 10,000 files 2 threads are fastest).
 */
function defaultThreads(files: number): number {
  const fromEnv = Number.parseInt(process.env.OPSBOOK_THREADS ?? '', 10);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return availableParallelism() + (files > IO_OVERLAP_THRESHOLD ? 2 : 0);
}

/** Results only for files with findings or a `duplicate_of`, in the order of `files`. */
export async function checkFiles(
  files: readonly string[],
  ctx: FileCheckContext,
  options: CheckFilesOptions = {},
): Promise<FileCheckResult[]> {
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(files.length), 8));
  if (threads === 1 || files.length < PARALLEL_THRESHOLD) {
    const results: FileCheckResult[] = [];
    files.forEach((file, i) => {
      const result = checkFile(file, ctx);
      if (result.findings.length > 0 || result.duplicateOf) results.push(result);
      if (options.onProgress && (i & 511) === 511) options.onProgress(i + 1, files.length);
    });
    options.onProgress?.(files.length, files.length);
    return results;
  }
  return checkInWorkers(files, ctx, threads, options.onProgress);
}

/**
 * The main thread works through the queue of chunks too, yielding between chunks so the
 * workers' results are received; on a machine with N cores, N - 1 workers start.
 */
async function checkInWorkers(
  files: readonly string[],
  ctx: FileCheckContext,
  threads: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FileCheckResult[]> {
  const init: WorkerInit = {
    root: ctx.root,
    config: ctx.config,
    ticketIds: [...ctx.ticketIds],
    runbookIds: [...ctx.runbookIds],
    today: ctx.today,
  };
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
  const results: FileCheckResult[][] = new Array(chunks.length);
  let next = 0;
  let pending = chunks.length;
  let checked = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const finished = (index: number, chunkResults: FileCheckResult[], count: number) => {
    results[index] = chunkResults;
    checked += count;
    pending--;
    onProgress?.(checked, files.length);
    wake?.();
  };

  const workers: Worker[] = [];
  const feed = (worker: Worker) => {
    if (next >= chunks.length || failure) return;
    const index = next++;
    worker.postMessage({ index, files: chunks[index] });
  };
  for (let t = 0; t < threads - 1; t++) {
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: init });
    workers.push(worker);
    worker.on('message', (message: { index: number; results: FileCheckResult[]; count: number }) => {
      finished(message.index, message.results, message.count);
      feed(worker);
    });
    worker.on('error', (error) => {
      failure ??= error;
      wake?.();
    });
    feed(worker);
  }
  try {
    while (pending > 0 && !failure) {
      if (next < chunks.length) {
        const index = next++;
        const chunk = chunks[index] as string[];
        const chunkResults: FileCheckResult[] = [];
        for (const file of chunk) {
          const result = checkFile(file, ctx);
          if (result.findings.length > 0 || result.duplicateOf) chunkResults.push(result);
        }
        finished(index, chunkResults, chunk.length);
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  return results.flat();
}
