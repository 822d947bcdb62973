/** Reading a byte range of an open file whole: `readSync` may return fewer bytes than asked. */
import { readSync } from 'node:fs';

/** Reads exactly `length` bytes at `position` into `buffer` at `at`; `path` names the file in the error. */
export function readFully(
  fd: number,
  buffer: Buffer,
  at: number,
  length: number,
  position: number,
  path: string,
): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, at + done, length - done, position + done);
    if (n === 0) throw new Error(`${path} ends before byte ${position + length}`);
    done += n;
  }
}
