/**
 * Ticket history from Git, read with simple-git in ONE `git log` pass over `incidents/`:
 * who created each ticket and when, its last change, every status change (the audit trail)
 * and the IDs it had before `opsbook renumber` moved it.
 *
 * The pass is `git log --reverse --date-order --no-merges -M -p --unified=0 -- incidents`: the
 * patch headers give creations, deletions and renames (`rename from` / `rename to`, so a
 * renumbered ticket keeps its history), and the zero-context hunks give the frontmatter's
 * `status:` lines. The output is parsed line by line as it arrives (simple-git's
 * `outputHandler`), never split into one big array of lines. Limits: docs/history.md.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { simpleGit } from 'simple-git';
import { ExitError } from '../lib/errors.ts';
import { isoUtcOfSeconds } from '../model/time.ts';

/** One commit that touched a ticket file. `at` is the author date, ISO 8601 in UTC. */
export interface TicketChange {
  commit: string;
  author: string;
  email: string;
  at: string;
}

/** A status change; the commit that created the ticket is the first one, `from: null`. */
export interface StatusChange extends TicketChange {
  from: string | null;
  to: string;
}

export interface TicketHistory {
  created: TicketChange;
  lastChange: TicketChange;
  statusChanges: StatusChange[];
  /** Former IDs, oldest first, when the file was renamed (`opsbook renumber`). */
  renamedFrom?: string[];
}

export interface HistoryOptions {
  /** The revision whose history is read; HEAD by default. */
  ref?: string;
  /** The folder of ticket files, relative to root; `incidents` by default. */
  dir?: string;
  /** How many `git log` processes may read consecutive parts of the history side by side. */
  parallel?: number;
  /** Histories shorter than this are read by one process (4,000 commits by default). */
  minCommitsToSplit?: number;
}

/** Starts each commit's header line; no patch line can start with it. */
const COMMIT_MARK = '\x1e';
const FORMAT = `--format=${COMMIT_MARK}%H%x1f%an%x1f%ae%x1f%at`;

interface FileState {
  history: TicketHistory;
  /** The status in the file's current version, as far as the log showed it. */
  status: string | null;
}

interface FilePatch {
  oldPath: string | null;
  newPath: string | null;
  added: boolean;
  deleted: boolean;
  removedStatus: string | null;
  addedStatus: string | null;
  /** Creation hunks show the whole file: only `status:` inside the frontmatter counts. */
  newLine: number;
  inFrontmatter: boolean;
}

/** `status: investigating  # note` -> `investigating`; quotes and a CR are dropped. */
export function statusValue(rest: string): string | null {
  let value = rest.replace(/\r$/, '');
  const comment = value.search(/\s#/);
  if (comment >= 0) value = value.slice(0, comment);
  value = value.trim();
  const quoted = /^(['"])(.*)\1$/.exec(value);
  if (quoted) value = quoted[2] as string;
  return value.length > 0 ? value : null;
}

function unquotePath(path: string): string {
  if (!path.startsWith('"')) return path;
  try {
    // Git quotes names with special characters C-style; JSON reads the common escapes.
    return JSON.parse(path) as string;
  } catch {
    return path.slice(1, -1);
  }
}

/** `a/X b/X` -> X (only unambiguous when both names are equal, which holds without renames). */
function headerPath(rest: string): string | null {
  if (rest.startsWith('"')) {
    const end = rest.indexOf('" ');
    return end > 0 ? unquotePath(rest.slice(0, end + 1)).replace(/^a\//, '') : null;
  }
  const half = (rest.length - 1) / 2;
  if (!Number.isInteger(half)) return null;
  const left = rest.slice(0, half);
  return left.startsWith('a/') ? left.slice(2) : null;
}

function stripPrefix(path: string, prefix: 'a/' | 'b/'): string | null {
  const name = unquotePath(path.replace(/\t$/, ''));
  if (name === '/dev/null') return null;
  return name.startsWith(prefix) ? name.slice(2) : name;
}

function ticketId(path: string): string | null {
  return path.endsWith('.md') ? basename(path, '.md') : null;
}

/** Incremental parser of the log output: feed it lines in order, then call `finish`. */
export class HistoryParser {
  private readonly files = new Map<string, FileState>();
  private commit: TicketChange | null = null;
  private patch: FilePatch | null = null;
  private inHunk = false;
  /** Set for a later range of commits: its patches wait until the earlier ranges are applied. */
  private deferred: [TicketChange, FilePatch][] | null = null;

  /** Buffers the parsed patches (small: paths and status values) instead of applying them. */
  defer(): this {
    this.deferred = [];
    return this;
  }

  /** Applies the patches a deferred parser buffered, after the ones this parser applied. */
  absorb(later: HistoryParser): void {
    this.endPatch();
    later.endPatch();
    for (const [commit, patch] of later.deferred ?? []) this.apply(commit, patch);
    later.deferred = [];
  }

  line(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith(COMMIT_MARK)) {
      this.endPatch();
      const [commit = '', author = '', email = '', seconds = '0'] = line.slice(1).split('\x1f');
      this.commit = { commit, author, email, at: isoUtcOfSeconds(Number(seconds)) };
      return;
    }
    if (line.startsWith('diff --git ')) {
      this.endPatch();
      const path = headerPath(line.slice('diff --git '.length));
      this.patch = {
        oldPath: path,
        newPath: path,
        added: false,
        deleted: false,
        removedStatus: null,
        addedStatus: null,
        newLine: 0,
        inFrontmatter: false,
      };
      this.inHunk = false;
      return;
    }
    const patch = this.patch;
    if (!patch) return;
    if (!this.inHunk) {
      if (line.startsWith('@@')) {
        this.inHunk = true;
      } else if (line.startsWith('new file mode')) patch.added = true;
      else if (line.startsWith('deleted file mode')) patch.deleted = true;
      else if (line.startsWith('rename from ')) patch.oldPath = unquotePath(line.slice(12));
      else if (line.startsWith('rename to ')) patch.newPath = unquotePath(line.slice(10));
      else if (line.startsWith('--- ')) patch.oldPath = stripPrefix(line.slice(4), 'a/');
      else if (line.startsWith('+++ ')) patch.newPath = stripPrefix(line.slice(4), 'b/');
      return;
    }
    if (line.startsWith('@@')) return;
    const sign = line[0];
    if (sign === '+' && patch.added) {
      // The creation hunk is the whole file: track the frontmatter fences.
      patch.newLine++;
      const text = line.slice(1);
      if (patch.newLine === 1) {
        patch.inFrontmatter = text.trimEnd() === '---';
        return;
      }
      if (!patch.inFrontmatter) return;
      if (text.trimEnd() === '---') {
        patch.inFrontmatter = false;
        return;
      }
      if (patch.addedStatus === null && text.startsWith('status:'))
        patch.addedStatus = statusValue(text.slice(7));
      return;
    }
    // Only top-level keys (column 0) count: timeline entries indent their `status:`.
    if (sign === '-' && line.startsWith('-status:')) {
      if (patch.removedStatus === null) patch.removedStatus = statusValue(line.slice(8));
    } else if (sign === '+' && line.startsWith('+status:')) {
      if (patch.addedStatus === null) patch.addedStatus = statusValue(line.slice(8));
    }
  }

  private endPatch(): void {
    const patch = this.patch;
    const commit = this.commit;
    this.patch = null;
    this.inHunk = false;
    if (!patch || !commit) return;
    if (this.deferred) this.deferred.push([commit, patch]);
    else this.apply(commit, patch);
  }

  private apply(commit: TicketChange, patch: FilePatch): void {
    const { oldPath, newPath } = patch;
    if (patch.deleted || newPath === null) {
      if (oldPath !== null) this.files.delete(oldPath);
      return;
    }
    if (ticketId(newPath) === null) return;
    let state: FileState | undefined;
    if (!patch.added && oldPath !== null) {
      state = this.files.get(oldPath);
      if (state && oldPath !== newPath) {
        this.files.delete(oldPath);
        const oldId = ticketId(oldPath);
        if (oldId !== null && oldId !== ticketId(newPath)) {
          state.history.renamedFrom = [...(state.history.renamedFrom ?? []), oldId];
        }
      }
    }
    if (!state) {
      // A new file (or one whose earlier history lies outside the folder or the log).
      state = {
        history: { created: commit, lastChange: commit, statusChanges: [] },
        status: null,
      };
      if (patch.addedStatus !== null) {
        state.history.statusChanges.push({ ...commit, from: null, to: patch.addedStatus });
        state.status = patch.addedStatus;
      }
      this.files.set(newPath, state);
      return;
    }
    this.files.set(newPath, state);
    state.history.lastChange = commit;
    const to = patch.addedStatus;
    if (to !== null && to !== state.status) {
      const from = state.status ?? patch.removedStatus;
      state.history.statusChanges.push({ ...commit, from, to });
      state.status = to;
    }
  }

  /** The histories of the files that exist at the end of the log, by ticket ID. */
  finish(): Map<string, TicketHistory> {
    this.endPatch();
    const result = new Map<string, TicketHistory>();
    for (const [path, state] of this.files) {
      const id = ticketId(path);
      if (id !== null) result.set(id, state.history);
    }
    return result;
  }
}

/** Splits a byte stream into lines (UTF-8 safe across chunk boundaries). */
function lineFeeder(onLine: (line: string) => void) {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const take = (text: string) => {
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end >= 0) {
      onLine(text.slice(start, end));
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    return text.slice(start);
  };
  return {
    write(chunk: Buffer | string) {
      rest = take(rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    },
    end() {
      rest = take(rest + decoder.end());
      if (rest.length > 0) onLine(rest);
      rest = '';
    },
  };
}

/**
 * Reads the history of every ticket file under `incidents/` (of `root`, which may be a
 * subfolder of the repository) in one `git log` pass. Tickets without a commit are absent.
 */
export async function readTicketHistory(
  root: string,
  options: HistoryOptions = {},
): Promise<Map<string, TicketHistory>> {
  const ref = options.ref ?? 'HEAD';
  const dir = options.dir ?? 'incidents';
  let head = '';
  try {
    head = (
      await simpleGit({ baseDir: root }).raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
    ).trim();
  } catch {
    head = '';
  }
  if (!head) {
    if (ref === 'HEAD' && (await isRepository(root))) return new Map(); // No commit yet.
    throw new ExitError(`history: "${ref}" is not a commit in a Git repository at ${root}`);
  }
  // Paths in the log are relative to the ticket folder: `--relative=<folder>/` limits the diffs
  // to it without a pathspec, which would make Git compare every commit's trees twice.
  const prefix = (await simpleGit({ baseDir: root }).raw(['rev-parse', '--show-prefix'])).trim();
  const relative = `${prefix}${dir.replace(/\/+$/, '')}/`;
  const ranges = await splitHistory(
    root,
    head,
    options.parallel ?? availableParallelism(),
    options.minCommitsToSplit ?? SPLIT_MIN_COMMITS,
  );
  // One pass over the history, cut into consecutive ranges read side by side. simple-git hands
  // each child's stdout to the output handler as it arrives, so the log is parsed chunk by chunk.
  const parsers = ranges.map((_, i) => (i === 0 ? new HistoryParser() : new HistoryParser().defer()));
  try {
    await Promise.all(
      ranges.map(async (range, i) => {
        const parser = parsers[i] as HistoryParser;
        const feeder = lineFeeder((line) => parser.line(line));
        await simpleGit({ baseDir: root })
          .outputHandler((_command, stdout) => {
            stdout.on('data', (chunk: Buffer) => feeder.write(chunk));
          })
          .raw([
            '-c',
            'core.quotePath=false',
            '-c',
            'diff.noprefix=false',
            '-c',
            'diff.mnemonicPrefix=false',
            'log',
            '--reverse',
            '--date-order',
            '--no-merges',
            '--no-color',
            '--no-ext-diff',
            '--no-textconv',
            `--relative=${relative}`,
            '-M',
            '-p',
            '--unified=0',
            FORMAT,
            ...range,
          ]);
        feeder.end();
      }),
    );
  } catch (error) {
    throw new ExitError(`git log failed: ${(error as Error).message.split('\n')[0]}`);
  }
  const [first, ...later] = parsers as [HistoryParser, ...HistoryParser[]];
  for (const parser of later) first.absorb(parser);
  return first.finish();
}

/** Below this many commits one `git log` reads the whole history. */
const SPLIT_MIN_COMMITS = 4000;
const MAX_RANGES = 4;

/**
 * Cuts the history of `head` into up to `parallel` consecutive revision ranges of about equal
 * size: `[B1]`, `[B2, ^B1]`, ..., `[head, ^Bk]`. Each commit is in exactly one range, and every
 * ancestor of a commit is in its range or an earlier one, so applying the ranges in order keeps
 * parents before children.
 */
async function splitHistory(
  root: string,
  head: string,
  parallel: number,
  minCommits: number,
): Promise<string[][]> {
  const parts = Math.min(Math.max(1, Math.floor(parallel)), MAX_RANGES);
  if (parts < 2) return [[head]];
  const git = simpleGit({ baseDir: root });
  const count = Number((await git.raw(['rev-list', '--count', '--no-merges', head])).trim());
  if (!(count >= minCommits)) return [[head]];
  const cuts = await Promise.all(
    Array.from({ length: parts - 1 }, async (_, i) => {
      const skip = count - Math.floor(((i + 1) * count) / parts);
      const out = await git.raw([
        'rev-list',
        '--no-merges',
        '--date-order',
        `--skip=${skip}`,
        '--max-count=1',
        head,
      ]);
      return out.trim();
    }),
  );
  const bounds = [...new Set(cuts.filter((c) => c.length > 0 && c !== head))];
  const ranges: string[][] = [];
  let previous: string | null = null;
  for (const bound of [...bounds, head]) {
    ranges.push(previous === null ? [bound] : [bound, `^${previous}`]);
    previous = bound;
  }
  return ranges;
}

/** Whether `root` lies inside a Git work tree (at its top or in a subfolder). */
export async function isRepository(root: string): Promise<boolean> {
  try {
    return await simpleGit({ baseDir: root }).checkIsRepo();
  } catch {
    return false;
  }
}
