/** Reading a byte range of an open file whole: `readSync` may return fewer bytes than asked. */
import { readSync } from 'node:fs';

/**
 * Reads up to `length` bytes at `position` into `buffer` at `at`, stopping early only at the
 * end of the file; returns how many it read.
 */
function readUpTo(fd: number, buffer: Buffer, at: number, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, at + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/**
 * Reads `length` bytes at `position` into `buffer` at `at`, and at least `least` of them (all by
 * default) or throws; returns how many it read. `path` names the file in the error.
 */
export function readFully(
  fd: number,
  buffer: Buffer,
  at: number,
  length: number,
  position: number,
  path: string,
  least = length,
): number {
  const done = readUpTo(fd, buffer, at, length, position);
  if (done < least) throw new Error(`${path} ends before byte ${position + least}`);
  return done;
}
