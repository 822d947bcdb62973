/**
 * Multi-file changes as transactions, as databases do with their journal:
 *
 * 1. the journal (`.opsbook-journal.json`: what to stage, rename and delete) is written
 *    atomically in the state `staging`;
 * 2. every new file's content is written beside its target as `<target>.opsbook-new`;
 * 3. the journal is rewritten in the state `committed`: from here on the change happens;
 * 4. the renames and deletions are carried out, then the journal is removed.
 *
 * The next recovery reads only the journal: a `staging` one is rolled back (its staged files are
 * removed), a `committed` one is carried out to the end. Removing, renaming and deleting are
 * idempotent, so a recovery that dies is recovered again.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
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
  /** `staging` until every staged file is written; an older journal without it is committed. */
  state?: 'staging' | 'committed';
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
  const journal: Journal = {
    what,
    state: 'staging',
    renames: change.write.map(({ path }) => [`${path}${NEW_SUFFIX}`, path]),
    deletes: change.delete,
  };
  const writeJournal = () =>
    writeFileAtomic(join(root, JOURNAL_FILE), `${JSON.stringify(journal, null, 1)}\n`);
  step();
  writeJournal();
  for (const { path, content } of change.write) {
    step();
    writeFileAtomic(join(root, `${path}${NEW_SUFFIX}`), content);
  }
  step();
  journal.state = 'committed';
  writeJournal();
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
 * Finishes a committed change whose journal is there, or rolls back one that was still staging.
 * Returns what it did, for a note to the user, or null when there was nothing to do.
 */
export function recoverJournal(root: string): string | null {
  const path = join(root, JOURNAL_FILE);
  if (!existsSync(path)) return null;
  let journal: Journal | null = null;
  try {
    journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
  } catch {
    // A journal is written atomically: an unreadable one was damaged by hand.
  }
  if (!journal || !Array.isArray(journal.renames) || !Array.isArray(journal.deletes)) {
    rmSync(path, { force: true });
    return null;
  }
  if (journal.state === 'staging') {
    for (const [staged] of journal.renames) rmSync(join(root, staged), { force: true });
    rmSync(path, { force: true });
    return `rolled back the interrupted ${journal.what}`;
  }
  finish(root, journal);
  return `completed the interrupted ${journal.what}`;
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
