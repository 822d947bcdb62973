/**
 * `opsbook import servicenow` on a generated audit-style export: 25,000 incidents with 140,000
 * update rows (default), imported into an empty repository, then imported again (nothing
 * changes), then a newer export with one more update row (one ticket changes). Prints wall time
 * and peak RSS (GNU time's %M) of each run.
 *
 *   node --experimental-strip-types bench/import.ts [--incidents 25000] [--rows 140000] [--seed 1]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICENOW_BENCH_CONFIG, writeServiceNowExport } from './servicenow-export.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench', '.data', 'import');
const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '25000' },
    rows: { type: 'string', default: '140000' },
    seed: { type: 'string', default: '1' },
  },
});
const incidents = Number(values.incidents);
const rows = Number(values.rows);
const seed = Number(values.seed);

function run(label: string, csv: string, repo: string): void {
  const started = performance.now();
  const child = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      process.execPath,
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      join(ROOT, 'bin/opsbook.js'),
      'import',
      'servicenow',
      csv,
      '--root',
      repo,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const seconds = (performance.now() - started) / 1000;
  const summary = child.stdout.trim().split('\n').pop();
  const peakMb = Math.round(Number(child.stderr.trim().split('\n').pop()) / 1024);
  console.log(
    `${label.padEnd(26)} ${seconds.toFixed(2).padStart(6)} s ${String(peakMb).padStart(6)} MB   ${summary}`,
  );
}

mkdirSync(DATA, { recursive: true });
const csv = join(DATA, `servicenow-${incidents}.csv`);
const newer = join(DATA, `servicenow-${incidents}-newer.csv`);
const shape = { incidents, rows, seed };
await writeServiceNowExport(csv, shape);
await writeServiceNowExport(newer, shape, true);
const repo = join(DATA, 'repo');
rmSync(repo, { recursive: true, force: true });
mkdirSync(repo, { recursive: true });
writeFileSync(join(repo, 'opsbook.yaml'), SERVICENOW_BENCH_CONFIG);
console.log(`${incidents} incidents, ${rows} update rows (about)`);
run('first import', csv, repo);
run('same export again', csv, repo);
run('newer export (1 update)', newer, repo);
