/**
 * Finding the repository and its ticket and runbook files. Symbolic links are never followed:
 * a link could lead out of the repository, so it is reported instead.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ExitError } from '../lib/errors.ts';
import type { RuleFinding } from './rule-finding.ts';

export const CONFIG_FILE = 'opsbook.yaml';
export const TICKET_DIR = 'incidents';
export const RUNBOOK_DIR = 'runbooks';

/** The nearest folder at or above `start` holding opsbook.yaml. */
export function findRepositoryRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new ExitError(
        `no ${CONFIG_FILE} found in ${resolve(start)} or any folder above it (use --root DIR)`,
      );
    }
    dir = parent;
  }
}

export interface FileListing {
  /** Repository-relative paths of Markdown files, sorted. */
  files: string[];
  findings: RuleFinding[];
}

/** What a caller of listMarkdownFiles wants to know while the listing runs. */
export interface ListingOptions {
  /**
   * Called once, when `count` files have been found (and not at all when there are fewer): a
   * command that will work on many files starts what it needs for them while the rest is listed.
   */
  onCount?: { count: number; reached: () => void };
}

/** Lists the `.md` files under `dir` (repository-relative), without following symbolic links. */
export function listMarkdownFiles(root: string, dir: string, options: ListingOptions = {}): FileListing {
  const { onCount } = options;
  const files: string[] = [];
  const findings: RuleFinding[] = [];
  const top = join(root, dir);
  let topStat: ReturnType<typeof lstatSync> | undefined;
  try {
    topStat = lstatSync(top);
  } catch {
    return { files, findings };
  }
  if (topStat.isSymbolicLink()) {
    findings.push(symlinkFinding(dir));
    return { files, findings };
  }
  const walk = (relDir: string): void => {
    const entries = readdirSync(join(root, relDir), { withFileTypes: true });
    for (const entry of entries) {
      const rel = `${relDir}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        findings.push(symlinkFinding(rel));
      } else if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) walk(rel);
      } else if (entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md') {
        files.push(rel);
        if (files.length === onCount?.count) onCount.reached();
      }
    }
  };
  walk(dir);
  files.sort();
  return { files, findings };
}

function symlinkFinding(file: string): RuleFinding {
  return {
    file,
    code: 'file/symlink',
    severity: 'error',
    line: 1,
    col: 1,
    message: 'symbolic link not followed: tickets and runbooks must be real files inside the repository',
  };
}
