/**
 * Multi-file changes as transactions, as databases do with their journal:
 *
 * 1. every new file's content is written beside its target as `<target>.opsbook-new`;
 * 2. the journal (`.opsbook-journal.json`: what to rename, what to delete) is written
 *    atomically: from here on the change happens;
 * 3. the renames and deletions are carried out, then the journal is removed.
 *
 * A run that dies before step 2 leaves only `.opsbook-new` files, which the next recovery
 * removes (rolled back); one that dies after it leaves the journal, which the next recovery
 * carries out to the end (completed). Renaming and deleting are idempotent, so a recovery that
 * dies is recovered again.
 */
import { type Dirent, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';

export const JOURNAL_FILE = '.opsbook-journal.json';
const NEW_SUFFIX = '.opsbook-new';

export interface FileChange {
  /** Repository-relative files to write, with their content. */
  write: { path: string; content: string }[];
  /** Repository-relative files or folders to delete. */
  delete: string[];
}

interface Journal {
  what: string;
  renames: [string, string][];
  deletes: string[];
}

/**
 * Stops a change after this many file operations, as a crash would (the tests interrupt each
 * operation in turn); undefined in real runs.
 */
export interface Interruption {
  after: number;
}

export class Interrupted extends Error {}

/**
 * The interruption a test asks for with OPSBOOK_TEST_INTERRUPT_AFTER=N (as Git's GIT_TEST_*
 * variables do): the command stops after N file operations, as a crash would.
 */
export function interruptionFrom(env: NodeJS.ProcessEnv): Interruption | undefined {
  const n = env.OPSBOOK_TEST_INTERRUPT_AFTER;
  return n !== undefined && /^\d+$/.test(n) ? { after: Number(n) } : undefined;
}

/** Carries out a multi-file change so that an interrupted run is finished or undone by the next. */
export function applyChange(
  root: string,
  what: string,
  change: FileChange,
  interruption?: Interruption,
): void {
  recoverJournal(root);
  let done = 0;
  const step = () => {
    if (interruption && done++ >= interruption.after)
      throw new Interrupted(`interrupted after ${interruption.after}`);
  };
  const renames: [string, string][] = [];
  for (const { path, content } of change.write) {
    step();
    const staged = `${path}${NEW_SUFFIX}`;
    writeFileAtomic(join(root, staged), content);
    renames.push([staged, path]);
  }
  step();
  const journal: Journal = { what, renames, deletes: change.delete };
  writeFileAtomic(join(root, JOURNAL_FILE), `${JSON.stringify(journal, null, 1)}\n`);
  finish(root, journal, step);
}

function finish(root: string, journal: Journal, step: () => void = () => {}): void {
  const written = new Set(journal.renames.map(([, target]) => target));
  for (const path of journal.deletes) {
    if (written.has(path)) continue;
    step();
    rmSync(join(root, path), { recursive: true, force: true });
  }
  for (const [staged, target] of journal.renames) {
    step();
    if (existsSync(join(root, staged))) renameSync(join(root, staged), join(root, target));
  }
  step();
  rmSync(join(root, JOURNAL_FILE), { force: true });
}

/**
 * Finishes a change whose journal is there, or removes the staged files of one that never got
 * that far. Returns what it did, for a note to the user, or null when there was nothing to do.
 */
export function recoverJournal(root: string): string | null {
  const path = join(root, JOURNAL_FILE);
  if (existsSync(path)) {
    let journal: Journal | null = null;
    try {
      journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
    } catch {
      // A journal is written atomically; an unreadable one was never complete.
    }
    if (journal && Array.isArray(journal.renames) && Array.isArray(journal.deletes)) {
      finish(root, journal);
      return `completed the interrupted ${journal.what}`;
    }
    rmSync(path, { force: true });
  }
  const staged = stagedFiles(root);
  for (const file of staged) rmSync(join(root, file), { force: true });
  return staged.length > 0 ? `removed ${staged.length} file(s) of an interrupted change` : null;
}

/** `.opsbook-new` files where a change stages them: the top, .github and the ticket folders. */
function stagedFiles(root: string): string[] {
  const found: string[] = [];
  const look = (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isFile() && entry.name.endsWith(NEW_SUFFIX)) found.push(rel);
      else if (entry.isDirectory() && depth > 0 && entry.name !== 'node_modules' && entry.name !== '.git')
        look(rel, depth - 1);
    }
  };
  look('', 0);
  look('.github', 2);
  look('incidents', 2);
  look('runbooks', 2);
  return found;
}

/** The change whose journal is waiting (validate reports it), or null. */
export function pendingJournal(root: string): string | null {
  try {
    const journal = JSON.parse(readFileSync(join(root, JOURNAL_FILE), 'utf8')) as Partial<Journal>;
    return typeof journal.what === 'string' ? journal.what : 'change';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'change';
  }
}
