/**
 * Benchmark runner: generates the synthetic repositories (cached in bench/.data/) and times the
 * `opsbook` command line on them as child processes: median wall time of N runs, peak RSS.
 *
 *   node --experimental-strip-types bench/run.ts [--sizes 10000,100000] [--only validate,sla]
 *     [--runs 3] [--regen] [--strict]
 *
 * Benchmarks print figures; they are not timed tests. `--strict` exits 1 when a target is missed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench', '.data');
/** The command line under test; OPSBOOK_BENCH_CLI points at another entry (another checkout). */
const CLI = process.env.OPSBOOK_BENCH_CLI
  ? resolve(process.env.OPSBOOK_BENCH_CLI)
  : join(ROOT, 'bin', 'opsbook.js');
const GENERATOR = join(ROOT, 'bench', 'generate.ts');
const NODE_FLAGS = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
const TIME = '/usr/bin/time';
const RUNBOOKS = 200;
const SEED = 1;
const SLA_AT = '2026-11-23T12:00:00Z';

interface Options {
  sizes: number[];
  only: string[];
  runs: number;
  regen: boolean;
  strict: boolean;
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: run.ts [--sizes 10000,100000] [--only validate,changed-since,sla,report,site] [--runs 3] [--regen] [--strict]\n`,
  );
  process.exit(2);
}

function parseOptions(argv: readonly string[]): Options {
  const opts: Options = { sizes: [10_000, 100_000], only: [], runs: 3, regen: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--sizes':
        opts.sizes = value()
          .split(',')
          .map((s) => Number(s.trim().replace(/_/g, '').replace(/k$/i, '000')));
        if (opts.sizes.some((n) => !Number.isInteger(n) || n < 1)) usage('--sizes takes positive integers');
        break;
      case '--only':
        opts.only = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--runs':
        opts.runs = Number(value());
        if (!Number.isInteger(opts.runs) || opts.runs < 1) usage('--runs takes a positive integer');
        break;
      case '--regen':
        opts.regen = true;
        break;
      case '--strict':
        opts.strict = true;
        break;
      case '-h':
      case '--help':
        usage('Runs the Opsbook benchmarks.');
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  return opts;
}

function label(size: number): string {
  if (size % 1_000_000 === 0) return `${size / 1_000_000}m`;
  if (size % 1000 === 0) return `${size / 1000}k`;
  return String(size);
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/** Generates the repository for a size unless an identical one (same generator, same options) is cached. */
function ensureRepo(size: number, regen: boolean): string {
  const dir = join(DATA, `repo-${label(size)}`);
  const metaFile = `${dir}.meta.json`;
  const meta = JSON.stringify({
    tickets: size,
    runbooks: RUNBOOKS,
    seed: SEED,
    git: true,
    generator: createHash('sha256').update(readFileSync(GENERATOR)).digest('hex'),
  });
  if (
    !regen &&
    existsSync(join(dir, 'opsbook.yaml')) &&
    existsSync(metaFile) &&
    readFileSync(metaFile, 'utf8') === meta
  ) {
    return dir;
  }
  mkdirSync(DATA, { recursive: true });
  rmSync(metaFile, { force: true });
  console.log(`generating ${label(size)} tickets into ${dir} ...`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      ...NODE_FLAGS,
      GENERATOR,
      '--tickets',
      String(size),
      '--runbooks',
      String(RUNBOOKS),
      '--seed',
      String(SEED),
      '--out',
      dir,
      '--git',
      '--force',
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error(`generate.ts failed with exit ${result.status}`);
    process.exit(2);
  }
  console.log(`generated ${label(size)} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  writeFileSync(metaFile, meta);
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Measuring a child process
// ---------------------------------------------------------------------------------------------

interface Sample {
  seconds: number;
  /** Peak resident set size in MB, or NaN when it could not be measured. */
  peakMB: number;
  status: number | null;
  signal: string | null;
  stdoutFile: string;
  stderrFile: string;
}

/** GNU time is used when present; OPSBOOK_BENCH_NO_TIME=1 forces the /proc sampling fallback. */
const hasTime = existsSync(TIME) && !process.env.OPSBOOK_BENCH_NO_TIME;

/**
 * Runs `node <flags> bin/opsbook.js ...args` with stdout and stderr in files. Peak RSS comes
 * from GNU time's `%M` (max RSS in KB); without it, /proc/<pid>/status VmHWM is sampled every 20 ms.
 */
function measure(args: readonly string[], cwd: string, tag: string, tree = false): Promise<Sample> {
  const stdoutFile = join(DATA, `${tag}.stdout`);
  const stderrFile = join(DATA, `${tag}.stderr`);
  const timeFile = join(DATA, `${tag}.time`);
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  const command = [process.execPath, ...NODE_FLAGS, CLI, ...args];
  const useTime = hasTime && !tree;
  const [file, argv] = useTime
    ? [TIME, ['-f', '%M', '-o', timeFile, ...command]]
    : [command[0] as string, command.slice(1)];
  return new Promise((done) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, stdio: ['ignore', out, err] });
    let hwmKB = Number.NaN;
    let timer: NodeJS.Timeout | undefined;
    if (tree) {
      // Commands that run child processes side by side (the site's two Astro builds): the peak
      // of the summed resident sets of the whole process tree, sampled every 50 ms.
      const sample = (): void => {
        const kb = treeRssKB(child.pid as number);
        hwmKB = Math.max(Number.isNaN(hwmKB) ? 0 : hwmKB, kb);
      };
      timer = setInterval(sample, 50);
      sample();
    } else if (!hasTime) {
      const sample = (): void => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwmKB = Math.max(Number.isNaN(hwmKB) ? 0 : hwmKB, Number(m[1]));
        } catch {
          // the process is gone
        }
      };
      timer = setInterval(sample, 20);
      sample();
    }
    child.on('exit', (status, signal) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (timer) clearInterval(timer);
      closeSync(out);
      closeSync(err);
      let peakKB = hwmKB;
      if (useTime && existsSync(timeFile)) {
        // GNU time writes "Command exited with non-zero status N" before the figure
        const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
        peakKB = Number(lines[lines.length - 1]);
        rmSync(timeFile, { force: true });
      }
      done({ seconds, peakMB: peakKB / 1024, status, signal, stdoutFile, stderrFile });
    });
  });
}

/** Summed VmRSS (KB) of a process and all its descendants, from /proc. */
function treeRssKB(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      rss.set(Number(name), kb);
      const list = children.get(ppid);
      if (list) list.push(Number(name));
      else children.set(ppid, [Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Benchmarks
// ---------------------------------------------------------------------------------------------

interface Benchmark {
  /** What `--only` matches against. */
  name: string;
  title: string;
  tickets: number;
  repo: string;
  args: string[];
  targetSeconds?: number;
  targetMB?: number;
  /** Run once, unmeasured, before the measured runs (fills .opsbook-cache). */
  warmup?: boolean;
  /** Memory is the peak of the whole process tree (commands with child processes). */
  tree?: boolean;
}

interface Result {
  bench: Benchmark;
  seconds?: number;
  peakMB?: number;
  pass?: boolean;
  note: string;
}

const TARGETS: Record<string, Record<number, { seconds: number; mb?: number }>> = {
  validate: { 10000: { seconds: 1.5 }, 100000: { seconds: 10, mb: 1024 } },
  'validate-changed-since': { 100000: { seconds: 1 } },
  sla: { 100000: { seconds: 3 } },
  'sla-no-cache': { 100000: { seconds: 4 } },
  'sla-table-no-cache': { 100000: { seconds: 4 } },
  report: { 100000: { seconds: 5 } },
  'report-no-cache': { 100000: { seconds: 4 } },
  site: {
    10000: { seconds: 60, mb: 2048 },
    25000: { seconds: 40, mb: 1024 },
    100000: { seconds: 120, mb: 1536 },
  },
};

function benchmarks(sizes: readonly number[], repos: ReadonlyMap<number, string>): Benchmark[] {
  const list: Benchmark[] = [];
  const add = (
    name: string,
    title: string,
    size: number,
    args: string[],
    warmup = false,
    tree = false,
  ): void => {
    const target = TARGETS[name]?.[size];
    list.push({
      warmup,
      tree,
      name,
      title,
      tickets: size,
      repo: repos.get(size) as string,
      args,
      targetSeconds: target?.seconds,
      targetMB: target?.mb,
    });
  };
  const largest = Math.max(...sizes);
  for (const size of sizes) {
    const root = repos.get(size) as string;
    // Every file checked (no cache), then as a repeated run reuses unchanged results.
    add('validate', 'validate --no-cache', size, [
      'validate',
      '--root',
      root,
      '--format',
      'json',
      '--no-cache',
    ]);
    add('validate-cached', 'validate (cached)', size, ['validate', '--root', root, '--format', 'json'], true);
  }
  add('validate-changed-since', 'validate --changed-since main (5 changed)', largest, [
    'validate',
    '--root',
    repos.get(largest) as string,
    '--changed-since',
    'main',
    '--format',
    'json',
  ]);
  // As CI, users and the scheduled report run them (the ticket index cache filled by an earlier
  // run), then with every ticket parsed again (`--no-cache`).
  const cachedAndUncached = (command: string, title: string): void => {
    for (const size of sizes) {
      const args = [command, '--root', repos.get(size) as string, '--format', 'json', '--at', SLA_AT];
      add(command, `${title} (cached)`, size, args, true);
      add(`${command}-no-cache`, `${title} --no-cache`, size, [...args, '--no-cache']);
    }
  };
  cachedAndUncached('sla', `sla --at ${SLA_AT}`);
  // The table, as a user at a terminal gets it: every running clock's due time and what is left.
  for (const size of sizes) {
    const root = repos.get(size) as string;
    add('sla-table-no-cache', `sla (table) --at ${SLA_AT} --no-cache`, size, [
      'sla',
      '--root',
      root,
      '--at',
      SLA_AT,
      '--no-cache',
    ]);
  }
  cachedAndUncached('report', `report --format json --at ${SLA_AT}`);
  for (const size of sizes) {
    const root = repos.get(size) as string;
    // Both audiences, as the deploy workflow builds them (ticket index cache filled by a warm-up).
    add(
      'site',
      `site (public + internal, ${RUNBOOKS} runbooks) --at ${SLA_AT}`,
      size,
      ['site', '--root', root, '--at', SLA_AT, '--out', join(DATA, `site-${label(size)}`)],
      true,
      true,
    );
  }
  return list;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The first line of a command's stderr, with the next one when the first only announces an error. */
function firstLine(file: string): string {
  const text = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let line = lines[0] ?? '';
  if (lines[1] && /internal error|:\s*$/i.test(line)) line = `${line} ${lines[1].trim()}`;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** A short description of what the command printed: finding counts by rule, or the SLA summary. */
function describeOutput(file: string): string {
  if (!existsSync(file)) return '';
  const size = statSync(file).size;
  if (size === 0) return 'no output';
  if (size > 512 * 1024 * 1024) return `${(size / 1024 / 1024).toFixed(0)} MB of output`;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return `output is not JSON (${size} bytes)`;
  }
  const obj = (data ?? {}) as Record<string, unknown>;
  const findings = Array.isArray(data) ? data : Array.isArray(obj.findings) ? obj.findings : undefined;
  if (findings) {
    if (findings.length === 0) return '0 findings';
    const byRule = new Map<string, number>();
    for (const f of findings as Record<string, unknown>[]) {
      const rule = String(f?.rule ?? f?.code ?? f?.ruleId ?? '?');
      byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
    const top = [...byRule.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([rule, n]) => `${rule} ×${n}`)
      .join(', ');
    return `${findings.length} findings (${top})`;
  }
  if (obj.summary && typeof obj.summary === 'object') {
    return Object.entries(obj.summary as Record<string, unknown>)
      .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(', ')
      .slice(0, 160);
  }
  return `JSON, ${(size / 1024).toFixed(0)} KB`;
}

/**
 * A command that writes an output folder (`--out`, the site) writes each run to a folder of its
 * own, as a deploy job on a fresh runner does: no old output to replace and delete while it runs.
 * The folders are deleted when the benchmarks have ended (`removeOutputs`).
 */
function freshOutput(args: readonly string[], run: string): string[] {
  const at = args.indexOf('--out');
  if (at < 0) return [...args];
  const copy = [...args];
  copy[at + 1] = `${args[at + 1]}-${run}`;
  return copy;
}

/** Deletes every site output of this and earlier benchmark runs (`freshOutput`), once all are measured. */
function removeOutputs(): void {
  for (const name of readdirSync(DATA))
    if (/^\.?site-/.test(name)) rmSync(join(DATA, name), { recursive: true, force: true });
}

async function runBenchmark(bench: Benchmark, runs: number, index: number): Promise<Result> {
  if (!existsSync(CLI)) return { bench, note: `skipped: ${CLI} does not exist yet` };
  const samples: Sample[] = [];
  if (bench.warmup)
    await measure(freshOutput(bench.args, 'warmup'), bench.repo, `bench-${index}`, bench.tree);
  for (let r = 0; r < runs; r++) {
    const args = freshOutput(bench.args, `run${r + 1}`);
    const sample = await measure(args, bench.repo, `bench-${index}`, bench.tree);
    if (sample.status === 2) {
      return { bench, note: `skipped: exit 2 (${firstLine(sample.stderrFile) || 'no message'})` };
    }
    if (sample.status !== 0 && sample.status !== 1) {
      return {
        bench,
        note: `failed: ${sample.signal ? `signal ${sample.signal}` : `exit ${sample.status}`} (${firstLine(sample.stderrFile)})`,
      };
    }
    samples.push(sample);
    process.stdout.write(
      `  ${bench.title} [${label(bench.tickets)}] run ${r + 1}/${runs}: ${sample.seconds.toFixed(2)} s, ${sample.peakMB.toFixed(0)} MB, exit ${sample.status}\n`,
    );
  }
  const last = samples[samples.length - 1] as Sample;
  const seconds = median(samples.map((s) => s.seconds));
  const peakMB = Math.max(...samples.map((s) => s.peakMB));
  let pass: boolean | undefined;
  if (bench.targetSeconds !== undefined) {
    pass = seconds <= bench.targetSeconds && (bench.targetMB === undefined || peakMB <= bench.targetMB);
  }
  const output = describeOutput(last.stdoutFile);
  const note = `exit ${last.status}${output ? `: ${output}` : ''}`;
  rmSync(last.stdoutFile, { force: true });
  rmSync(last.stderrFile, { force: true });
  return { bench, seconds, peakMB, pass, note };
}

interface MachineSpeed {
  jsMs: number;
  fileUs: number | null;
}

/** bench/machine-speed.ts in a child process (its own heap, like the commands measured). */
function machineSpeed(repo: string | undefined): MachineSpeed | null {
  const child = spawnSync(
    process.execPath,
    [...NODE_FLAGS, join(ROOT, 'bench', 'machine-speed.ts'), ...(repo ? [repo] : [])],
    { encoding: 'utf8' },
  );
  try {
    return JSON.parse(child.stdout) as MachineSpeed;
  } catch {
    return null;
  }
}

function speedText(speed: MachineSpeed | null): string {
  if (!speed) return 'not measured';
  return `JavaScript ${speed.jsMs} ms, a file ${speed.fileUs ?? '—'} µs`;
}

function machineLine(): string {
  let cpu = 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = (m[1] as string).trim();
  } catch {
    // not Linux
  }
  return `Machine: nproc ${availableParallelism()}, ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, peak RSS via ${hasTime ? '/usr/bin/time %M' : '/proc VmHWM sampling'} (site: the whole process tree, summed, sampled every 50 ms)`;
}

function table(results: readonly Result[], runs: number): string {
  const rows = [
    `| benchmark | tickets | median s (of ${runs}) | peak MB | target | result | note |`,
    '|---|---:|---:|---:|---|---|---|',
  ];
  for (const r of results) {
    const b = r.bench;
    const target =
      b.targetSeconds === undefined
        ? '—'
        : `≤ ${b.targetSeconds} s${b.targetMB !== undefined ? `, ≤ ${b.targetMB} MB` : ''}`;
    const result =
      r.seconds === undefined ? 'skipped' : r.pass === undefined ? '—' : r.pass ? 'pass' : '**FAIL**';
    rows.push(
      `| ${b.title} | ${b.tickets.toLocaleString('en-US')} | ${r.seconds?.toFixed(2) ?? '—'} | ${r.peakMB !== undefined && !Number.isNaN(r.peakMB) ? r.peakMB.toFixed(0) : '—'} | ${target} | ${result} | ${r.note.replace(/\|/g, '\\|')} |`,
    );
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  mkdirSync(DATA, { recursive: true });
  const sizes = [...new Set(opts.sizes)].sort((a, b) => a - b);
  const repos = new Map<number, string>();
  for (const size of sizes) repos.set(size, ensureRepo(size, opts.regen));

  const selected = benchmarks(sizes, repos).filter(
    (b) => opts.only.length === 0 || opts.only.some((term) => b.name.includes(term)),
  );
  if (selected.length === 0) usage(`--only ${opts.only.join(',')} selects no benchmark`);
  // The machine's speed before and after (bench/machine-speed.ts): a machine that slowed down
  // during the run shows here, and figures of two machines can be set side by side.
  const largest = repos.get(sizes[sizes.length - 1] as number);
  const before = machineSpeed(largest);
  const results: Result[] = [];
  for (const [i, bench] of selected.entries()) results.push(await runBenchmark(bench, opts.runs, i));
  const after = machineSpeed(largest);
  const speed = `Machine speed (bench/machine-speed.ts) before: ${speedText(before)}; after: ${speedText(after)}`;

  const report = `${table(results, opts.runs)}\n\n${machineLine()}\n${speed}\n`;
  console.log(`\n${report}`);
  writeFileSync(
    join(DATA, 'last-run.json'),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: machineLine(),
        speed: { before, after },
        runs: opts.runs,
        results: results.map((r) => ({
          name: r.bench.name,
          title: r.bench.title,
          tickets: r.bench.tickets,
          seconds: r.seconds ?? null,
          peakMB: r.peakMB ?? null,
          targetSeconds: r.bench.targetSeconds ?? null,
          targetMB: r.bench.targetMB ?? null,
          pass: r.pass ?? null,
          note: r.note,
        })),
      },
      null,
      2,
    )}\n`,
  );
  removeOutputs();
  if (opts.strict && results.some((r) => r.pass === false)) process.exit(1);
}

await main();
