/**
 * Writing files so that a reader (or a crash) never sees half a file: write a temporary file
 * beside the target, then rename it over the target (or hard-link it, when the target must
 * not exist yet).
 */
import { linkSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const TEMP = /^\.(.+)\.(\d+)\.[a-z0-9]+\.tmp$/;
const swept = new Set<string>();

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files that writers killed mid-write left in a folder (their process is
 * gone), once per folder and process.
 */
function sweepTemporaryFiles(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m && !alive(Number(m[2]))) rmSync(join(dir, name), { force: true });
  }
}

export function writeFileAtomic(path: string, content: string, options: { exclusive?: boolean } = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  sweepTemporaryFiles(dirname(path));
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
