/**
 * The counts behind the duplicate suspicion (derive/duplicate-rarity.ts), kept in
 * `.opsbook-cache/duplicate-rarity.json` by whole-repository runs so that a `--changed-since`
 * run, which reads only the changed files, still weighs their words against every title.
 * Only ever a better guess: without it the checked tickets' own counts are used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Rarity, rarityFromJson, rarityToJson } from '../derive/duplicate-rarity.ts';
import { writeFileAtomic } from '../lib/atomic-write.ts';

const FILE = 'duplicate-rarity.json';

export function loadRarity(cacheDir: string): Rarity | undefined {
  const path = join(cacheDir, FILE);
  if (!existsSync(path)) return undefined;
  try {
    return rarityFromJson(JSON.parse(readFileSync(path, 'utf8'))) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Writes the counts (never throws: a read-only checkout works without them). */
export function saveRarity(cacheDir: string, rarity: Rarity): void {
  try {
    writeFileAtomic(join(cacheDir, FILE), JSON.stringify(rarityToJson(rarity)));
  } catch {
    // See above.
  }
}
