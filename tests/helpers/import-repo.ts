/**
 * A small repository to import into, and a snapshot of its files to see what an import changed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './cli.ts';
import { configYaml, tempRepository } from './repo.ts';

export const IMPORT_FIXTURES = join(FIXTURES, 'import');

/** opsbook.yaml with comments, a team and one service; imports append to it. */
export const IMPORT_CONFIG = `# Our settings: imports must keep this comment.\n${configYaml({
  name: 'Import Test',
  teams: '\n  ops: { name: Operations } # the first team',
  services: '\n  # central services\n  mail: { name: E-mail, group: central, owner: ops }',
  sla: '\n  policies:\n    std:\n      calendar: mon-fri\n      targets:\n        P1: { response: 1h, resolution: 8h }\n  default: std',
})}`;

export function importRepository(): { dir: string; cleanup: () => void } {
  return tempRepository('import', IMPORT_CONFIG);
}

/** Every file below `dir` (relative path → text), to compare before and after. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (name === '.opsbook-cache') continue;
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else files.set(path, readFileSync(join(dir, path), 'utf8'));
    }
  };
  walk('');
  return files;
}

/** The paths whose text differs between two snapshots (added, removed or changed). */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}
