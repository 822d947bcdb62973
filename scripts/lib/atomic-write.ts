/**
 * Writing files so that a reader (or a crash) never sees half a file: write a temporary file
 * beside the target, then rename it over the target (or hard-link it, when the target must
 * not exist yet).
 */
import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, content: string, options: { exclusive?: boolean } = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`,
  );
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    if (options.exclusive) {
      // link() fails when the target exists: a file another writer created is never replaced.
      linkSync(temp, path);
      rmSync(temp, { force: true });
    } else {
      renameSync(temp, path);
    }
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
