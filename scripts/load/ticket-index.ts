/**
 * The ticket index: the frontmatter of every valid ticket, without the bodies and the timeline
 * texts, for the commands that look at all tickets at once (`sla`, `report`, `review --check`).
 *
 * Parsing 100,000 YAML files takes seconds, so the index is cached in `.opsbook-cache/` at the
 * repository root (git-ignored): a file is parsed again only when its size, modification time,
 * change time or inode differ from the cached ones. Files changed in the last two seconds are
 * not cached (their time stamps could still hide a second change, as with Git's "racily clean"
 * files). The cache is keyed by the ticket schema, so a new Opsbook version never reads an old
 * cache. A cache that cannot be read or written is ignored: it is only ever a shortcut.
 *
 * Commands use the index through `withTicketIndex`, which writes the cache when their work is
 * done, with the values the work derived and returned (derive/ never writes into the index).
 */
import { join } from 'node:path';
import { ExitError } from '../lib/errors.ts';
import { eachFileChunk, PARALLEL_THRESHOLD, readAheadEarly, startWorkersEarly } from '../lib/file-pool.ts';
import { listMarkdownFiles, TICKET_DIR } from './files.ts';
import { cacheable, stampMatches, stampOf, statStampsSoon } from './stat-stamps.ts';
import {
  type FactsDerivation,
  factsOf,
  type IndexWorkerInit,
  indexParser,
  readTicketDocument,
  type TicketFacts,
} from './ticket-facts.ts';
import {
  CACHE_FILE,
  type CachedFacts,
  type CacheEntry,
  factsText,
  readCacheFile,
  writeCacheFile,
} from './ticket-index-file.ts';

/**
 * One valid ticket of the index. Its facts are parsed from the cache only when read, so a
 * command that finds what it needs among the derived values (see `derived`) never pays for them.
 */
export class IndexedTicket {
  readonly file: string;
  #json: string | CachedFacts | null;
  #data: TicketFacts | null;
  /**
   * Values that commands derived from this file's facts in an earlier run (for example the SLA
   * of a settled ticket), by name; dropped whenever the file changes. Read only: new values are
   * returned to `withTicketIndex` (see DerivedValues), which keeps them.
   */
  readonly derived: Readonly<Record<string, unknown>>;
  /**
   * The value of this run's FactsDerivation, when this run parsed the file and the command asked
   * for one (never kept in the cache; undefined for a file read from the cache).
   */
  readonly computed: unknown;

  readonly #root: string | null;

  /** Give `data` or `json`, or neither and the repository `root` to read the facts from on demand. */
  constructor(
    file: string,
    data: TicketFacts | null,
    json: string | CachedFacts | null,
    derived: Readonly<Record<string, unknown>>,
    computed?: unknown,
    root: string | null = null,
  ) {
    this.file = file;
    this.#data = data;
    this.#json = json;
    this.derived = derived;
    this.computed = computed;
    this.#root = root;
  }

  get data(): TicketFacts {
    if (this.#data === null) {
      this.#data = this.#json === null ? this.#reread() : (JSON.parse(factsText(this.#json)) as TicketFacts);
      this.#json = null;
    }
    return this.#data;
  }

  /** The file's facts read again: the threads that parsed it sent only its derived value. */
  #reread(): TicketFacts {
    const file = this.file;
    const root = this.#root;
    const doc = root === null ? null : readTicketDocument(root)(file);
    if (!doc) throw new ExitError(`${file} changed while it was read; run the command again`);
    return factsOf(doc.data);
  }

  /** The facts as JSON, for the cache. */
  json(): string {
    return this.#json === null ? JSON.stringify(this.data) : factsText(this.#json);
  }
}

/**
 * Values derived from some tickets' facts, to keep in the cache under `name` (the ticket's
 * `derived[name]` in the next run): what a derive function returns next to its answer.
 */
export interface DerivedValues<S = IndexedTicket> {
  readonly name: string;
  readonly values: ReadonlyMap<S, unknown>;
}

export interface TicketIndex {
  /** Valid tickets, in file order. */
  tickets: IndexedTicket[];
  /** Ticket files that could not be read or do not conform to the schema (`opsbook validate` says why). */
  invalidFiles: string[];
  /** How many came from the cache and how many were parsed. */
  cached: number;
  parsed: number;
}

/** What work over the index returns: its result, and the values it derived that are worth keeping. */
export interface IndexWork<R> {
  result: R;
  keep?: readonly DerivedValues[];
}

export interface TicketIndexOptions {
  /** Use and update the cache (default true; OPSBOOK_CACHE=0 turns it off). */
  cache?: boolean;
  /** The cache folder; default `<root>/.opsbook-cache` (or OPSBOOK_CACHE_DIR). */
  cacheDir?: string;
  onProgress?: (done: number, total: number) => void;
  /** The instant that counts as now for the racy-file rule (epoch ms); default the wall clock. */
  now?: number;
  /** Work on each parsed ticket's facts, done in the parsing threads (see FactsDerivation). */
  derive?: FactsDerivation;
  /** The ticket files as prepareTicketIndex listed them (else they are listed now). */
  prepared?: PreparedIndex;
  /**
   * Called with each valid ticket in file order, as soon as it and every file before it have
   * been read from the cache or parsed, while threads still parse later files: work done here
   * is done in parallel with the parsing rather than after it (`report` builds its figures).
   */
  onTicket?: (ticket: IndexedTicket) => void;
}

/** The ticket files of a repository, listed ahead (prepareTicketIndex). */
export interface PreparedIndex {
  readonly root: string;
  readonly files: readonly string[];
  /** Parsing threads were started: the files are many and every one is to be parsed. */
  readonly parallel: boolean;
}

/**
 * The index's worker threads. They keep nothing between chunks, so a larger young generation
 * saves scavenges. A chunk's facts are small; a third chunk in hand keeps a worker parsing while
 * this thread collects garbage (sla --no-cache at 100,000 tickets: 3.66 → 3.54 s, median of 8).
 */
const INDEX_POOL = {
  worker: new URL('./ticket-index-worker.ts', import.meta.url),
  youngGenerationMb: 32,
  inHand: 3,
};

/**
 * Lists the ticket files before the command reads its configuration, and when every one of
 * them is to be parsed (no cache) and there are many, starts the parsing threads already: they
 * load their modules while this thread lists the rest, then read their first files ahead while
 * it reads opsbook.yaml. Pass the result to withTicketIndex.
 */
export function prepareTicketIndex(root: string, options: Pick<TicketIndexOptions, 'cache'>): PreparedIndex {
  let started = 0;
  // Started as soon as there are enough files to share (about 0.2 s earlier at 100,000 tickets).
  const onCount = {
    count: PARALLEL_THRESHOLD,
    reached: () => {
      started = startWorkersEarly(INDEX_POOL, PARALLEL_THRESHOLD).length;
    },
  };
  const { files } = listMarkdownFiles(root, TICKET_DIR, cacheWanted(options.cache) ? {} : { onCount });
  if (started > 0) readAheadEarly(INDEX_POOL, { root, files });
  return { root, files, parallel: started > 0 };
}

export const CACHE_DIR = '.opsbook-cache';

/** The derived values of a ticket parsed in this run: none, one object for all of them. */
const NOTHING_DERIVED: Readonly<Record<string, unknown>> = Object.freeze({});

/** The cache folder: OPSBOOK_CACHE_DIR, else `.opsbook-cache` in the repository. */
export function cacheDirectory(root: string): string {
  return process.env.OPSBOOK_CACHE_DIR || join(root, CACHE_DIR);
}

/** Whether to use the caches: not with `--no-cache` (false) nor with OPSBOOK_CACHE=0. */
export function cacheWanted(option: boolean | undefined): boolean {
  return (option ?? true) && process.env.OPSBOOK_CACHE !== '0';
}
/**
 * Opens the ticket index, runs `work` on it and writes the cache: the files parsed for this run
 * and the derived values `work` returned (also when `work` throws, without derived values).
 * A cache that cannot be written is skipped: it is only ever a shortcut.
 */
export async function withTicketIndex<R>(
  root: string,
  options: TicketIndexOptions,
  work: (index: TicketIndex) => IndexWork<R> | Promise<IndexWork<R>>,
): Promise<R> {
  const { index, save } = await openTicketIndex(root, options);
  let keep: readonly DerivedValues[] = [];
  try {
    const done = await work(index);
    keep = done.keep ?? [];
    return done.result;
  } finally {
    save(keep);
  }
}

async function openTicketIndex(
  root: string,
  options: TicketIndexOptions,
): Promise<{ index: TicketIndex; save: (keep: readonly DerivedValues[]) => void }> {
  const useCache = cacheWanted(options.cache);
  const cachePath = join(options.cacheDir ?? cacheDirectory(root), CACHE_FILE);
  const files =
    options.prepared?.root === root ? options.prepared.files : listMarkdownFiles(root, TICKET_DIR).files;
  // The stamps are taken (in a worker, for many files) while the cache is read.
  const stampsPending = useCache ? statStampsSoon(root, files) : null;
  const cacheRead = useCache ? readCacheFile(cachePath) : null;
  const cache = cacheRead?.entries ?? new Map<string, CacheEntry>();

  const stamps = stampsPending ? await stampsPending : null;

  const found: (IndexedTicket | null)[] = new Array(files.length).fill(null);
  const missing: number[] = [];
  // Files whose outcome is known (from the cache, parsed, invalid): onTicket's way through them.
  const known = new Uint8Array(files.length);
  files.forEach((file, i) => {
    const hit = stamps ? cache.get(file) : undefined;
    if (hit && stamps && stampMatches(hit, stamps, i)) {
      found[i] = new IndexedTicket(file, null, hit[5], hit[6]);
      known[i] = 1;
    } else {
      missing.push(i);
    }
  });
  const onTicket = options.onTicket;
  let handedOn = 0;
  const handOn = () => {
    if (!onTicket) return;
    while (handedOn < files.length && known[handedOn] === 1) {
      const ticket = found[handedOn++];
      if (ticket) onTicket(ticket);
    }
  };
  handOn();

  const factsRarely = options.derive?.factsRarely ?? false;
  const sendFacts = useCache || !factsRarely;
  const fields = useCache ? undefined : options.derive?.fieldsRead;
  const init: IndexWorkerInit = { root, derive: options.derive, sendFacts, fields };
  await eachFileChunk(
    missing.map((i) => files[i] as string),
    {
      ...INDEX_POOL,
      init: () => init,
      local: await indexParser(init),
      onProgress: options.onProgress,
      // Files not in the page cache are read ahead in parallel (file-pool.ts, `looksCold`).
      prefetchRoot: root,
    },
    (results, _chunk, start) => {
      results.forEach((result, k) => {
        const fileIndex = missing[start + k] as number;
        known[fileIndex] = 1;
        if (!result) return;
        const [facts, computed] = result;
        const file = files[fileIndex] as string;
        if (facts === null) {
          // Not sent: read from the file again when asked for.
          found[fileIndex] = new IndexedTicket(file, null, null, NOTHING_DERIVED, computed, root);
          return;
        }
        // A command that reads every ticket's facts parses them now, while the threads still
        // parse files, rather than one by one after them (the JSON stays for the cache).
        const data = factsRarely ? null : (JSON.parse(facts) as TicketFacts);
        found[fileIndex] = new IndexedTicket(
          file,
          data,
          data && !useCache ? null : facts,
          NOTHING_DERIVED,
          computed,
          root,
        );
      });
      handOn();
    },
  );

  const tickets: IndexedTicket[] = [];
  const invalidFiles: string[] = [];
  files.forEach((file, i) => {
    const ticket = found[i];
    if (ticket) tickets.push(ticket);
    else invalidFiles.push(file);
  });

  const save = (keep: readonly DerivedValues[]) => {
    try {
      if (!stamps) return;
      const derivedChanged = keep.some((k) => k.values.size > 0);
      if (!(derivedChanged || missing.length > 0 || cache.size !== tickets.length)) return;
      const now = options.now ?? Date.now();
      // The facts of the tickets served from the cache are still in its file: read it once, and
      // close it before the new file takes its name.
      cacheRead?.readWhole();
      const entries: CacheEntry[] = [];
      files.forEach((file, i) => {
        const ticket = found[i];
        if (ticket && cacheable(stamps, i, now))
          entries.push([file, ...stampOf(stamps, i), ticket.json(), derivedOf(ticket, keep)]);
      });
      cacheRead?.close();
      writeCacheFile(cachePath, entries);
    } catch {
      // A read-only checkout works, only slower.
    }
  };
  const index = { tickets, invalidFiles, cached: files.length - missing.length, parsed: missing.length };
  return { index, save };
}

/** The ticket's derived values from the cache, with the new ones in `keep` over them. */
function derivedOf(ticket: IndexedTicket, keep: readonly DerivedValues[]): Readonly<Record<string, unknown>> {
  let derived: Record<string, unknown> | null = null;
  for (const { name, values } of keep) {
    if (!values.has(ticket)) continue;
    derived ??= { ...ticket.derived };
    derived[name] = values.get(ticket);
  }
  return derived ?? ticket.derived;
}
