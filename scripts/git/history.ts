/**
 * Ticket history from Git, read in ONE `git log` pass over `incidents/`:
 * who created each ticket and when, its last change, every status change (the audit trail)
 * and the IDs it had before `opsbook renumber` moved it.
 *
 * The pass is `git log --reverse --date-order --no-merges -M -p --unified=0 -- incidents`: the
 * patch headers give creations, deletions and renames (`rename from` / `rename to`, so a
 * renumbered ticket keeps its history), and the zero-context hunks give the frontmatter's
 * `status:` lines. The output is parsed line by line as it arrives from the `git log` process,
 * never kept whole or split into one big array of lines. Limits: docs/history.md.
 *
 * This module runs the pass (cut into consecutive ranges read side by side on a long history);
 * `history-parser.ts` parses it.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { simpleGit } from 'simple-git';
import { ExitError } from '../lib/errors.ts';
import { HISTORY_LOG_FORMAT, HistoryParser, type TicketHistory } from './history-parser.ts';

export type { StatusChange, TicketChange, TicketHistory } from './history-parser.ts';

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
        await streamGit(
          root,
          [
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
            HISTORY_LOG_FORMAT,
            ...range,
          ],
          (chunk) => feeder.write(chunk),
        );
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

/**
 * Runs git and hands its stdout to `onData` chunk by chunk, keeping none of it (simple-git would
 * also collect the whole output for its result: about 1 GB for the log of 100,000 tickets).
 */
function streamGit(root: string, args: string[], onData: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(stderr.trim() || `exit code ${code}`));
    });
  });
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
