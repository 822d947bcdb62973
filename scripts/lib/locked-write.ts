/**
 * Replacing a file that this command read and changed, as Git does with its `.lock` files: the
 * new content is written to `<file>.lock` (created exclusively, so two Opsbook writers never
 * work on one file at once), the file is compared with what was read, and only then the lock is
 * renamed over it. A file that another process changed meanwhile is left as it is.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { ExitError } from './errors.ts';
import { Interrupted, type Interruption } from './journal.ts';

/** A lock older than this was left by a writer that died (a write takes milliseconds). */
const STALE_LOCK_MS = 60_000;

export function replaceIfUnchanged(
  path: string,
  displayName: string,
  expected: Uint8Array,
  content: string,
  now: () => number = Date.now,
  interruption?: Interruption,
): void {
  let done = 0;
  const step = () => {
    if (interruption && done++ >= interruption.after)
      throw new Interrupted(`interrupted after ${interruption.after}`);
  };
  const lock = `${path}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    let age = 0;
    try {
      age = now() - statSync(lock).mtimeMs;
    } catch {
      // Gone meanwhile: the other writer finished.
    }
    if (age < STALE_LOCK_MS) {
      throw new ExitError(
        `${displayName} is being changed by another opsbook command (${displayName}.lock exists); run this again in a moment`,
      );
    }
    rmSync(lock, { force: true });
    fd = openSync(lock, 'wx');
  }
  try {
    step();
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  let renamed = false;
  try {
    const current = readFileSync(path);
    if (!Buffer.from(expected).equals(current)) {
      throw new ExitError(`${displayName} changed while this command ran; nothing was written, run it again`);
    }
    step();
    renameSync(lock, path);
    renamed = true;
  } finally {
    // Once renamed, the lock's name may already belong to the next writer. An interruption
    // stands for a crash: the lock stays, as it would.
    if (!renamed && !(interruption && done > interruption.after)) rmSync(lock, { force: true });
  }
}
