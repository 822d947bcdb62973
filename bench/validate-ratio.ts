/**
 * Uncached `validate` of a real-desk import against the bare parse-and-schema time of the same
 * files on one thread, side by side in one run (target: at most 2×).
 *
 * The repository (made once, cached in bench/.data/validate-ratio/): the template's files,
 * `opsbook init --clean --yes`, then `opsbook import servicenow` of a generated audit-style export
 * (servicenow-export.ts, the generator of import.ts; 24,918 incidents by default), each step
 * committed as a team would. Then, alternating, for several rounds, each as a child process:
 *   (a) `opsbook validate --no-cache --format json` (wall time, as a user runs it),
 *   (b) validate-baseline.ts: read, split, parseYaml (as validate parses), compiled ticket schema, one thread.
 *
 *   node --experimental-strip-types bench/validate-ratio.ts [--incidents 24918] [--rows N]
 *     [--seed 1] [--rounds 5] [--regen]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeServiceNowExport } from './servicenow-export.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench', '.data', 'validate-ratio');
const CLI = join(ROOT, 'bin', 'opsbook.js');
const BASELINE = join(ROOT, 'bench', 'validate-baseline.ts');
const NODE = [process.execPath, '--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
const GIT = ['-c', 'user.name=Bench', '-c', 'user.email=bench@opsbook.invalid', '-c', 'commit.gpgsign=false'];

const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '24918' },
    rows: { type: 'string' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '5' },
    regen: { type: 'boolean', default: false },
  },
});
const incidents = Number(values.incidents);
// About 5.6 update rows per incident, as in import.ts (140,000 rows for 25,000 incidents).
const rows = values.rows === undefined ? Math.round(incidents * 5.6) : Number(values.rows);
const seed = Number(values.seed);
const rounds = Number(values.rounds);
for (const [name, n] of [
  ['incidents', incidents],
  ['rows', rows],
  ['rounds', rounds],
] as const) {
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--${name} takes a positive integer\n`);
    process.exit(2);
  }
}

function sh(command: string, args: readonly string[], cwd: string): string {
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (child.status !== 0 && !(args.includes('import') && child.status === 1)) {
    process.stderr.write(`${command} ${args.join(' ')} failed (${child.status}):\n${child.stderr}\n`);
    process.exit(1);
  }
  return child.stdout;
}

/** The repository, made unless bench/.data has one for the same export and generator. */
async function repository(): Promise<string> {
  const repo = join(DATA, 'repo');
  const metaFile = join(DATA, 'repo.meta.json');
  const generator = readFileSync(join(ROOT, 'bench', 'servicenow-export.ts'));
  const meta = JSON.stringify({
    incidents,
    rows,
    seed,
    generator: createHash('sha256').update(generator).digest('hex'),
  });
  if (!values.regen && existsSync(metaFile) && readFileSync(metaFile, 'utf8') === meta) return repo;
  console.log(`making the repository: ${incidents} incidents, ${rows} update rows ...`);
  rmSync(DATA, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const csv = join(DATA, `servicenow-${incidents}.csv`);
  await writeServiceNowExport(csv, { incidents, rows, seed });
  // The template as a team clones it, made theirs with `init --clean`, then the import.
  const archive = spawnSync(
    'git',
    ['archive', 'HEAD', '--', 'opsbook.yaml', 'incidents', 'runbooks', '.github'],
    {
      cwd: ROOT,
      maxBuffer: 1 << 30,
    },
  );
  spawnSync('tar', ['-x', '-C', repo], { input: archive.stdout });
  sh('git', ['init', '-q', '-b', 'main'], repo);
  const commit = (message: string) => {
    sh('git', ['add', '-A'], repo);
    sh('git', [...GIT, 'commit', '-q', '-m', message], repo);
  };
  commit('template');
  sh(NODE[0] as string, [...NODE.slice(1), CLI, 'init', '--clean', '--yes', '--name', 'Bench Desk'], repo);
  commit('opsbook init --clean');
  const imported = sh(NODE[0] as string, [...NODE.slice(1), CLI, 'import', 'servicenow', csv], repo);
  console.log(imported.trim().split('\n').pop());
  commit('import servicenow');
  writeFileSync(metaFile, meta);
  return repo;
}

interface Run {
  seconds: number;
  /** CPU time of the child (user + system, all its threads), NaN where /proc is missing. */
  cpu: number;
  stdout: string;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** CPU seconds (user + system) of the children this process has waited for; NaN without /proc. */
function childrenCpu(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After "pid (name) ": state is field 3, cutime field 16, cstime field 17 (proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

function timed(args: readonly string[], cwd: string): Run {
  const cpuBefore = childrenCpu();
  const started = performance.now();
  const child = spawnSync(NODE[0] as string, [...NODE.slice(1), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0 && child.status !== 1) {
    process.stderr.write(`${args.join(' ')} exited ${child.status}:\n${child.stderr}\n`);
    process.exit(1);
  }
  return { seconds, cpu: childrenCpu() - cpuBefore, stdout: child.stdout };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const repo = await repository();
const validate = () => timed([CLI, 'validate', '--no-cache', '--format', 'json'], repo);
const baseline = () => timed([BASELINE, repo], repo);

// One unmeasured run of each: the files are in the page cache, V8's compile cache is filled.
const first = validate();
const bare = baseline();
const report = JSON.parse(first.stdout) as {
  findings: { code: string }[];
  summary: { errors: number; warnings: number; checkedFiles: number };
};
const byCode = new Map<string, number>();
for (const f of report.findings) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
console.log(
  `validate: ${report.summary.checkedFiles} files, ${report.summary.errors} errors, ${report.summary.warnings} warnings` +
    (byCode.size ? ` (${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''),
);
console.log(`baseline: ${bare.stdout.trim()}`);

const runs = { validate: [] as Run[], baseline: [] as Run[] };
const show = (r: Run | undefined) => (r ? `${r.seconds.toFixed(2)} s (${r.cpu.toFixed(2)} s CPU)` : '');
for (let r = 0; r < rounds; r++) {
  // Alternating which goes first, so neither always follows the other.
  const order = r % 2 === 0 ? (['validate', 'baseline'] as const) : (['baseline', 'validate'] as const);
  for (const which of order) runs[which].push(which === 'validate' ? validate() : baseline());
  console.log(`round ${r + 1}: validate ${show(runs.validate[r])}, baseline ${show(runs.baseline[r])}`);
}
const v = median(runs.validate.map((r) => r.seconds));
const b = median(runs.baseline.map((r) => r.seconds));
const vCpu = median(runs.validate.map((r) => r.cpu));
const bCpu = median(runs.baseline.map((r) => r.cpu));
console.log(
  `median of ${rounds}: validate ${v.toFixed(2)} s, baseline ${b.toFixed(2)} s, ratio ${(v / b).toFixed(2)} (target ≤ 2.0)`,
);
console.log(
  `CPU time, median: validate ${vCpu.toFixed(2)} s, baseline ${bCpu.toFixed(2)} s, ratio ${(vCpu / bCpu).toFixed(2)}`,
);
console.log(
  `machine: nproc ${availableParallelism()}, ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
