/**
 * Work over many files spread across worker threads, when there are enough files to pay for
 * the threads' start-up. The main thread works through the same queue of chunks, so a small
 * job never waits for a worker; on a machine with N cores, N - 1 workers start. Files not in
 * the page cache are read ahead by one more worker (see looksCold).
 *
 * A worker module calls `serveChunks(handler)`: it gets its `init` once (the first message) and
 * then chunks of files, and answers each chunk with the handler's results. Workers can be
 * started before the caller knows their `init` (startWorkersEarly).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parentPort, type Worker } from 'node:worker_threads';
import { startWorker } from './start-worker.ts';

/** Below this many files one thread is faster than starting workers. */
export const PARALLEL_THRESHOLD = 2500;
/** Files per chunk. */
export const FILE_CHUNK = 500;
/** Files per chunk at the end of a run shared between threads (see chunkStarts). */
const TAIL_CHUNK = 100;
/** Chunks in each worker's hand unless the job says otherwise (FilePoolOptions' `inHand`). */
const DEFAULT_IN_HAND = 2;
/** The young generation of each worker, in MB, unless the job says otherwise (see where the workers start). */
const YOUNG_GENERATION_MB = 8;

export interface FilePoolOptions<R> {
  /** The worker module (it calls serveChunks). */
  worker: URL;
  /** Sent to every worker as its first message (structured-cloned); called only with workers. */
  init: () => unknown;
  /** The same work in this thread, for one chunk. */
  local: (files: readonly string[]) => R[];
  /** Threads to use (main thread included); default: see defaultThreads. 1 = in-process. */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /** Files are relative to this folder: a worker reads them ahead (see prefetch-worker.ts). */
  prefetchRoot?: string;
  /**
   * False: the main thread only takes the workers' results (`threads` - 1 workers do the work).
   * For results that the main thread must pass on at once: while it works on a chunk of its own,
   * the workers' answers pile up in memory.
   */
  mainThreadWorks?: boolean;
  /**
   * Chunks each worker holds (default 2): more keep it busier while the main thread is busy
   * with a chunk of its own or collecting garbage, and hold more results at a time.
   */
  inHand?: number;
  /**
   * Each worker's young generation in MB (default 8). A job whose workers keep nothing between
   * chunks runs faster with more: fewer scavenges (the ticket index at 100,000 files: about a
   * tenth of a worker's time with 32).
   */
  youngGenerationMb?: number;
}

/**
 * OPSBOOK_THREADS when set to a number, else the machine's parallelism. Measured on 2 cores at
 * 100,000 files, with two chunks in each worker's hand: `sla --no-cache` 4.1 s with 2 threads,
 * 4.6 s with 4 on a warm page cache, 9.3 s and 10.3 s on a cold one (read ahead as below);
 * `validate --no-cache` 4.6 s and 5.3 s. (With one chunk in hand, workers had waited for the
 * main thread, and two threads more than cores had hidden that.)
 */
function defaultThreads(): number {
  const fromEnv = Number.parseInt(process.env.OPSBOOK_THREADS ?? '', 10);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return availableParallelism();
}

/**
 * Whether the files are probably not in the page cache: a few reads spread over the list take
 * long. On a cold cache reading ahead in parallel pays (10,000 files: 2.75 s → 1.87 s); on a
 * warm one it only costs (1.2 s → 1.5 s), so it is started only when reads are slow.
 */
function looksCold(root: string, files: readonly string[]): boolean {
  const samples = 16;
  const started = performance.now();
  for (let k = 0; k < samples; k++) {
    const file = files[Math.floor(((k + 0.5) * files.length) / samples)] as string;
    try {
      readFileSync(join(root, file));
    } catch {
      // Unreadable files are reported by the checkers.
    }
  }
  return (performance.now() - started) / samples > 0.08;
}

/** Workers started ahead of their eachFileChunk (startWorkersEarly), by worker module. */
const early = new Map<string, Worker[]>();
/** The error of an early worker that failed before an eachFileChunk took it. */
const earlyErrors = new WeakMap<Worker, Error>();
/** The chunks an early worker was sent to read ahead (readAheadEarly): its first hand. */
const aheadChunks = new WeakMap<Worker, number>();
/**
 * Chunks an early worker reads ahead beyond those it will have in hand: at 100,000 tickets the
 * worker read its three in about 0.4 s and then waited 0.07 s for the configuration.
 */
const EXTRA_AHEAD_CHUNKS = 2;

/** The worker threads eachFileChunk starts for `options`: `threads` - 1 of them. */
function startPoolWorkers(
  options: Pick<FilePoolOptions<unknown>, 'worker' | 'youngGenerationMb'>,
  count: number,
): Worker[] {
  const workers: Worker[] = [];
  for (let t = 0; t < count; t++) {
    // A small young generation: V8's default let each worker hold about 200 MB more for garbage
    // between scavenges (the site's models of 25,000 tickets: 920 → 700 MB, same time).
    workers.push(
      startWorker(options.worker, {
        resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? YOUNG_GENERATION_MB },
      }),
    );
  }
  return workers;
}

/**
 * Starts the workers of an eachFileChunk over `fileCount` files that is sure to come, before
 * its caller has what the workers' `init` needs (the configuration): a worker takes a fifth of
 * a second to load its modules, which it then does while this thread is busy too. Nothing is
 * started for fewer files than eachFileChunk shares. The next eachFileChunk with the same
 * `worker` takes them; until then they keep no command from ending (unref). Returns the
 * workers it started.
 * Once the files are known, readAheadEarly gives the workers something to do until then.
 */
export function startWorkersEarly(
  options: Pick<FilePoolOptions<unknown>, 'worker' | 'youngGenerationMb' | 'threads'>,
  fileCount: number,
): readonly Worker[] {
  const threads = poolThreads(options.threads);
  if (threads === 1 || fileCount < PARALLEL_THRESHOLD || early.has(options.worker.href)) return [];
  const workers = startPoolWorkers(options, threads - 1);
  for (const worker of workers) {
    // Until eachFileChunk takes them, an error is kept for it (see there).
    worker.once('error', (error) => earlyErrors.set(worker, error));
    worker.unref();
  }
  early.set(options.worker.href, workers);
  return workers;
}

/**
 * Sends the workers that startWorkersEarly started for `options.worker` the files of the
 * eachFileChunk to come (relative to `root`): each gets the files of its first chunks, as
 * eachFileChunk will hand them out, and its module's `readAhead` (serveChunks) reads them until
 * the init and those chunks come. At 100,000 tickets a worker otherwise sat idle for a quarter of
 * a second before `sla --no-cache`'s configuration was read.
 */
export function readAheadEarly(
  options: Pick<FilePoolOptions<unknown>, 'worker' | 'threads' | 'inHand'>,
  ahead: { root: string; files: readonly string[] },
): void {
  const workers = early.get(options.worker.href) ?? [];
  const inHand = options.inHand ?? DEFAULT_IN_HAND;
  const starts = chunkStarts(ahead.files.length, poolThreads(options.threads), inHand);
  const hand = readAheadHand(starts.length, workers.length, inHand);
  workers.forEach((worker, w) => {
    const from = starts[w * hand] ?? ahead.files.length;
    const to = starts[(w + 1) * hand] ?? ahead.files.length;
    aheadChunks.set(worker, hand);
    worker.postMessage({ ahead: { root: ahead.root, files: ahead.files.slice(from, to) } });
  });
}

/**
 * How many of `chunks` chunks each of `workers` early workers reads ahead: its first hand, which
 * eachFileChunk gives it in turn, worker by worker; at most a fair share of all of them.
 */
export function readAheadHand(chunks: number, workers: number, inHand: number): number {
  return Math.min(inHand + EXTRA_AHEAD_CHUNKS, Math.floor(chunks / (workers + 1)));
}

function poolThreads(threads: number | undefined): number {
  return Math.max(1, Math.min(threads ?? defaultThreads(), 8));
}

/** The handler's results for every chunk, concatenated in the order of `files`. */
export async function mapFileChunks<R>(files: readonly string[], options: FilePoolOptions<R>): Promise<R[]> {
  const results: R[][] = [];
  await eachFileChunk(files, options, (chunkResults, index) => {
    results[index] = chunkResults;
  });
  return results.flat();
}

/**
 * Hands the handler's results to `deliver` chunk by chunk as they arrive (in any order; `index`
 * is the chunk's place among the chunks, `start` the place in `files` of its first file),
 * keeping none of them: a job whose results together would not fit in memory streams them on.
 */
export async function eachFileChunk<R>(
  files: readonly string[],
  options: FilePoolOptions<R>,
  deliver: (results: R[], index: number, start: number) => void,
): Promise<void> {
  const threads = poolThreads(options.threads);
  const onProgress = options.onProgress;
  const started = early.get(options.worker.href) ?? [];
  early.delete(options.worker.href);
  if (threads === 1 || files.length < PARALLEL_THRESHOLD) {
    await Promise.all(started.map((w) => w.terminate()));
    for (let i = 0; i < files.length; i += FILE_CHUNK) {
      deliver(options.local(files.slice(i, i + FILE_CHUNK)), i / FILE_CHUNK, i);
      onProgress?.(Math.min(i + FILE_CHUNK, files.length), files.length);
    }
    if (files.length === 0) onProgress?.(0, 0);
    return;
  }

  const inHand = options.inHand ?? DEFAULT_IN_HAND;
  const starts = chunkStarts(files.length, threads, inHand);
  const chunks = starts.map((start, k) => files.slice(start, starts[k + 1] ?? files.length));
  let next = 0;
  let pending = chunks.length;
  let done = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const finished = (index: number, chunkResults: R[], count: number) => {
    try {
      deliver(chunkResults, index, starts[index] as number);
    } catch (error) {
      failure ??= error as Error;
    }
    done += count;
    pending--;
    onProgress?.(done, files.length);
    wake?.();
  };

  const workers: Worker[] = [];
  const prefetch = process.env.OPSBOOK_PREFETCH;
  if (
    options.prefetchRoot !== undefined &&
    prefetch !== '0' &&
    (prefetch === '1' || looksCold(options.prefetchRoot, files))
  ) {
    const prefetcher = startWorker(new URL('./prefetch-worker.ts', import.meta.url), {
      workerData: { root: options.prefetchRoot, files, concurrency: 8 },
    });
    // Only a hint: its failure changes nothing.
    prefetcher.on('error', () => {});
    workers.push(prefetcher);
  }
  const init = options.init();
  const feed = (worker: Worker) => {
    if (next >= chunks.length || failure) return;
    const index = next++;
    worker.postMessage({ index, files: chunks[index] });
  };
  const own = [...started.slice(0, threads - 1)];
  for (const extra of started.slice(threads - 1)) void extra.terminate();
  own.push(...startPoolWorkers(options, threads - 1 - own.length));
  for (const worker of own) {
    // The worker's first message: what it needs to build its handler (serveChunks).
    worker.postMessage({ init });
    worker.ref();
    workers.push(worker);
    worker.on('message', (message: { index: number; results: R[]; count: number }) => {
      finished(message.index, message.results, message.count);
      feed(worker);
    });
    worker.on('error', (error) => {
      failure ??= error;
      wake?.();
    });
    failure ??= earlyErrors.get(worker);
    // Chunks in hand: a worker's answer waits until the main thread is between two chunks of
    // its own, and with one chunk the worker would sit idle meanwhile (a third of its time at
    // 100,000 tickets).
    // A worker that read chunks ahead gets those first (readAheadEarly).
    for (let k = 0; k < Math.max(inHand, aheadChunks.get(worker) ?? 0); k++) feed(worker);
  }
  try {
    while (pending > 0 && !failure) {
      if (next < chunks.length && options.mainThreadWorks !== false) {
        const index = next++;
        const chunk = chunks[index] as string[];
        finished(index, options.local(chunk), chunk.length);
        // Let the workers' answers in between chunks.
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
}

/**
 * Where each chunk of a shared run starts: FILE_CHUNK files each, and TAIL_CHUNK files each over
 * the last stretch, long enough for every worker to have worked off the big chunks in its hand
 * before the small ones come. When the queue runs dry a thread then waits for at most a few small
 * chunks of another (at 100,000 tickets on two threads the main thread waited about 80 ms for the
 * worker's last three big ones).
 */
export function chunkStarts(count: number, threads: number, inHand: number): number[] {
  const tail = Math.min(count, (inHand + 1) * threads * FILE_CHUNK);
  const starts: number[] = [];
  let start = 0;
  for (; start < count - tail; start += FILE_CHUNK) starts.push(start);
  for (; start < count; start += TAIL_CHUNK) starts.push(start);
  return starts;
}

type ChunkHandler<R> = (files: readonly string[]) => R[];

/**
 * What a worker made of files before its init came (see startWorkersEarly's `ahead`), by file:
 * the handler takes a file's value out (and the file is not read again).
 */
export type ReadAhead<A> = Map<string, A>;

/** Files a worker reads ahead between two looks at its messages. */
const AHEAD_SLICE = 20;

/**
 * In a worker module: answers chunks with `handler(files)`, the handler built by `load`'s function
 * from the init (the compile cache is on, see start-worker.ts). With `readAhead`, files sent
 * ahead of the init (startWorkersEarly) are read by its function until the first chunk comes, and
 * the handler gets what it made of them.
 */
export async function serveChunks<I, R, A = never>(
  load: () => Promise<(init: I, ahead: ReadAhead<A>) => ChunkHandler<R> | Promise<ChunkHandler<R>>>,
  readAhead?: () => Promise<(root: string) => (file: string) => A>,
): Promise<void> {
  // The first message is the init (eachFileChunk), the others are chunks; files to read ahead
  // may come before the init. Messages that come while the handler is being made wait for it,
  // in their order.
  let handler: Promise<ChunkHandler<R>> | undefined;
  const ahead: ReadAhead<A> = new Map();
  let chunksCame = false;
  const make = load();
  const readFilesAhead = async (root: string, files: readonly string[]) => {
    if (!readAhead) return;
    const read = (await readAhead())(root);
    for (let i = 0; i < files.length && !chunksCame; i++) {
      const file = files[i] as string;
      ahead.set(file, read(file));
      // Let the init and the first chunk in: reading ahead stops once chunks come.
      if (i % AHEAD_SLICE === AHEAD_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  parentPort?.on(
    'message',
    (
      message:
        | { init: I }
        | { index: number; files: string[] }
        | { ahead: { root: string; files: string[] } },
    ) => {
      if ('ahead' in message) {
        void readFilesAhead(message.ahead.root, message.ahead.files);
        return;
      }
      if ('init' in message) {
        handler = make.then((build) => build(message.init, ahead));
        return;
      }
      const ready = handler;
      if (!ready) throw new Error('serveChunks: a chunk came before the init');
      handler = ready.then((handle) => {
        chunksCame = true;
        const results = handle(message.files);
        parentPort?.postMessage({ index: message.index, results, count: message.files.length });
        return handle;
      });
    },
  );
  await make;
}
