/**
 * The validation cache (`.opsbook-cache/validate.json`): per file, the located findings and the
 * facts the cross-file rules need, kept while the file's size and time stamps, the config, the
 * date and Opsbook's code are the same, and while every ticket or runbook ID the file's rules
 * asked about still exists (or still does not). Anything else is checked again; the answer is
 * the same as without the cache. Files changed in the last two seconds are not cached.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asciiJson } from '../lib/ascii-json.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { codeVersion } from '../lib/code-version.ts';
import { cacheable, stampMatches, stampOf } from '../load/stat-stamps.ts';
import { ASKED_RUNBOOK, ASKED_TICKET, type FileCheckResult } from './check-file.ts';

const FILE = 'validate.json';
const FORMAT = 3;

/** [file, size, mtimeMs, ctimeMs, ino, result without `file`] */
type Entry = [string, number, number, number, number, Omit<FileCheckResult, 'file'>];

export interface ValidateCache {
  /** The cached result for file `i` of the stamped list, if it still holds. */
  lookup(file: string, stamps: Float64Array, i: number): FileCheckResult | undefined;
  /** Writes the results of this run (never throws). */
  save(files: readonly string[], stamps: Float64Array, results: ReadonlyMap<string, FileCheckResult>): void;
}

export function openValidateCache(
  dir: string,
  inputs: {
    configText: string | null;
    today: string;
    ticketIds: ReadonlySet<string>;
    runbookIds: ReadonlySet<string>;
    /** The wall clock, for the racy-file rule. */
    now?: () => number;
  },
): ValidateCache {
  const path = join(dir, FILE);
  const key = createHash('sha256')
    .update(codeVersion())
    .update(inputs.today)
    .update(inputs.configText ?? '')
    .digest('hex')
    .slice(0, 24);
  const entries = new Map<string, Entry>();
  if (existsSync(path)) {
    try {
      const doc = JSON.parse(readFileSync(path, 'utf8')) as { format: number; key: string; entries: Entry[] };
      if (doc.format === FORMAT && doc.key === key && Array.isArray(doc.entries)) {
        for (const e of doc.entries) entries.set(e[0], e);
      }
    } catch {
      // A damaged cache is rebuilt.
    }
  }
  const exists = (asked: string) =>
    asked.startsWith(ASKED_TICKET)
      ? inputs.ticketIds.has(asked.slice(ASKED_TICKET.length))
      : asked.startsWith(ASKED_RUNBOOK) && inputs.runbookIds.has(asked.slice(ASKED_RUNBOOK.length));
  return {
    lookup(file, stamps, i) {
      const e = entries.get(file);
      if (!e || !stampMatches(e, stamps, i)) return undefined;
      const result = e[5];
      if (!result.asked.present.every(exists) || result.asked.absent.some(exists)) return undefined;
      return { file, ...result };
    },
    save(files, stamps, results) {
      const now = (inputs.now ?? Date.now)();
      const out: Entry[] = [];
      files.forEach((file, i) => {
        const result = results.get(file);
        if (!result || !cacheable(stamps, i, now)) return;
        const { file: _file, ...rest } = result;
        out.push([file, ...stampOf(stamps, i), rest]);
      });
      try {
        writeFileAtomic(path, asciiJson(JSON.stringify({ format: FORMAT, key, entries: out })));
      } catch {
        // A read-only checkout works, only slower.
      }
    },
  };
}
