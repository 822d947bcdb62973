/**
 * Byte-for-byte guard for refactorings: records what the command line prints (and the site it
 * builds) on the shipped example and on a generated repository, and later tells whether anything
 * changed.
 *
 *   node --experimental-strip-types bench/compare-outputs.ts record DIR [--tickets 2000] [--no-site]
 *   node --experimental-strip-types bench/compare-outputs.ts compare DIR [--no-site]
 *
 * `record` writes DIR/manifest.json (a SHA-256 per output: stdout, stderr and exit code of each
 * command; one per built file of the site) and DIR/outputs/ (the command outputs themselves, so a
 * difference can be shown line by line). `compare` runs the same commands again and prints every
 * difference against DIR; it exits 1 when there is any, 0 when everything is identical.
 *
 * Every instant is fixed (--at, --from, --to), caches are bypassed (--no-cache) and the site's
 * address comes from flags, not the environment, so two runs of unchanged code agree.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench', '.data');
/** The command line under test; OPSBOOK_BENCH_CLI points at another entry (another checkout, e.g. the baseline's). */
const CLI = process.env.OPSBOOK_BENCH_CLI
  ? resolve(process.env.OPSBOOK_BENCH_CLI)
  : join(ROOT, 'bin', 'opsbook.js');
const NODE_FLAGS = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
const AT = '2026-11-23T09:00:00Z';
const FROM = '2026-01-01';
const TO = '2026-11-30';
const SEED = 1;
const RUNBOOKS = 20;

interface Options {
  mode: 'record' | 'compare';
  dir: string;
  tickets: number;
  site: boolean;
}

interface Manifest {
  /** The entry point that printed the outputs (relative to the repository root). */
  cli: string;
  /** How the generated repository was made; compare reuses it. */
  tickets: number;
  site: boolean;
  /** Output name → SHA-256 (hex). */
  hashes: Record<string, string>;
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: compare-outputs.ts record|compare DIR [--tickets 2000] [--no-site]\n`,
  );
  process.exit(2);
}

function parseOptions(argv: readonly string[]): Options {
  const [mode, dir, ...rest] = argv;
  if (mode !== 'record' && mode !== 'compare') usage('the first argument is record or compare');
  if (!dir) usage('DIR is missing');
  const opts: Options = { mode, dir: resolve(dir), tickets: 2000, site: true };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--no-site') opts.site = false;
    else if (arg === '--tickets') {
      opts.tickets = Number(rest[++i]);
      if (!Number.isInteger(opts.tickets) || opts.tickets < 1) usage('--tickets takes a positive integer');
    } else usage(`unknown option ${arg}`);
  }
  return opts;
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The generated repository, made once per size and seed and then reused (bench/.data/ is git-ignored). */
function generatedRepository(tickets: number): string {
  const out = join(DATA, `compare-repo-${tickets}-seed${SEED}`);
  if (existsSync(join(out, 'opsbook.yaml'))) return out;
  mkdirSync(DATA, { recursive: true });
  const args = [
    ...NODE_FLAGS,
    join(ROOT, 'bench', 'generate.ts'),
    '--tickets',
    String(tickets),
    '--runbooks',
    String(RUNBOOKS),
    '--seed',
    String(SEED),
    '--out',
    out,
    '--force',
  ];
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) usage(`generating ${relative(ROOT, out)} failed`);
  return out;
}

interface Command {
  name: string;
  args: string[];
}

function commands(root: string, siteOut: string, site: boolean): Command[] {
  const list: Command[] = [
    { name: 'validate.json', args: ['validate', '--format', 'json', '--no-cache', '--at', AT] },
    { name: 'sla.json', args: ['sla', '--format', 'json', '--no-cache', '--at', AT] },
    ...(['json', 'markdown'] as const).map((format) => ({
      name: `report.${format === 'json' ? 'json' : 'md'}`,
      args: ['report', '--format', format, '--no-cache', '--from', FROM, '--to', TO, '--at', AT],
    })),
    // The default period (from the first ticket to the day of --at) and filters take other paths.
    { name: 'report-all.json', args: ['report', '--format', 'json', '--no-cache', '--at', AT] },
    {
      name: 'report-incidents.md',
      args: ['report', '--format', 'markdown', '--no-cache', '--where', 'kind=incident', '--at', AT],
    },
  ];
  if (site) {
    list.push({
      name: 'site.log',
      args: [
        'site',
        '--no-history',
        '--no-cache',
        '--at',
        AT,
        '--base',
        '/',
        '--site',
        'https://status.example.com',
        '--out',
        siteOut,
      ],
    });
  }
  return list.map((c) => ({ ...c, args: [...c.args, '--root', root] }));
}

function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else found.push(path);
  }
  return found.sort();
}

/** Runs every command on both repositories; writes the outputs into `outDir`, returns their hashes. */
function runAll(opts: Options, outDir: string): Record<string, string> {
  const repos: [string, string][] = [
    ['example', ROOT],
    [`generated-${opts.tickets}`, generatedRepository(opts.tickets)],
  ];
  const hashes: Record<string, string> = {};
  rmSync(outDir, { recursive: true, force: true });
  for (const [label, root] of repos) {
    const siteOut = join(DATA, `compare-site-${label}`);
    rmSync(siteOut, { recursive: true, force: true });
    for (const command of commands(root, siteOut, opts.site)) {
      process.stderr.write(`${label}: opsbook ${command.args.slice(0, 3).join(' ')} ...\n`);
      // The environment must not choose the site's address or the terminal's colours.
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TZ: 'UTC' };
      delete env.OPSBOOK_BASE_PATH;
      delete env.OPSBOOK_SITE_URL;
      delete env.FORCE_COLOR;
      const result = spawnSync(process.execPath, [...NODE_FLAGS, CLI, ...command.args], {
        cwd: root,
        env,
        maxBuffer: 1024 * 1024 * 1024,
      });
      const base = `${label}/${command.name}`;
      const dir = join(outDir, label);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(outDir, base), result.stdout);
      writeFileSync(join(outDir, `${base}.stderr`), result.stderr);
      hashes[base] = sha256(result.stdout);
      hashes[`${base}.stderr`] = sha256(result.stderr);
      hashes[`${base}.exit`] = String(result.status ?? result.signal);
    }
    if (opts.site && existsSync(siteOut)) {
      for (const file of filesUnder(siteOut)) {
        hashes[`${label}/site/${relative(siteOut, file)}`] = sha256(readFileSync(file));
      }
    }
  }
  return hashes;
}

/** The first differing line of two text outputs, to point at where to look. */
function firstDifference(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const clip = (s: string | undefined) =>
        s === undefined ? '(end)' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
      return `    line ${i + 1}\n    - ${clip(a[i])}\n    + ${clip(b[i])}`;
    }
  }
  return '';
}

function compare(opts: Options): number {
  const manifestPath = join(opts.dir, 'manifest.json');
  if (!existsSync(manifestPath)) usage(`${manifestPath} does not exist: run record first`);
  const recorded = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const site = opts.site && recorded.site;
  const nowDir = join(DATA, 'compare-now');
  const now = runAll({ ...opts, tickets: recorded.tickets, site }, nowDir);
  const names = [...new Set([...Object.keys(recorded.hashes), ...Object.keys(now)])].sort();
  let differences = 0;
  for (const name of names) {
    if (!site && name.includes('/site')) continue;
    const before = recorded.hashes[name];
    const after = now[name];
    if (before === after) continue;
    differences++;
    if (before === undefined) process.stdout.write(`new:     ${name}\n`);
    else if (after === undefined) process.stdout.write(`missing: ${name}\n`);
    else {
      process.stdout.write(
        `changed: ${name}${name.endsWith('.exit') ? ` (exit ${before} → ${after})` : ''}\n`,
      );
      const oldFile = join(opts.dir, 'outputs', name);
      const newFile = join(nowDir, name);
      if (existsSync(oldFile) && existsSync(newFile)) {
        const where = firstDifference(readFileSync(oldFile, 'utf8'), readFileSync(newFile, 'utf8'));
        process.stdout.write(
          `${where || '    (every line is the same: the recorded output is not what was hashed)'}\n`,
        );
      }
    }
  }
  const total = names.length;
  process.stdout.write(
    differences === 0
      ? `identical: ${total} outputs\n`
      : `${differences} of ${total} outputs differ (this run's outputs: ${relative(ROOT, nowDir)})\n`,
  );
  return differences === 0 ? 0 : 1;
}

function record(opts: Options): number {
  mkdirSync(opts.dir, { recursive: true });
  const hashes = runAll(opts, join(opts.dir, 'outputs'));
  const manifest: Manifest = { cli: relative(ROOT, CLI), tickets: opts.tickets, site: opts.site, hashes };
  writeFileSync(join(opts.dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`recorded ${Object.keys(hashes).length} outputs in ${opts.dir}\n`);
  return 0;
}

const opts = parseOptions(process.argv.slice(2));
process.exitCode = opts.mode === 'record' ? record(opts) : compare(opts);
