/**
 * Benchmark of `readTicketHistory` (scripts/git/history.ts): builds a synthetic Git history with
 * `git fast-import` (cached in bench/.data/), then times one history read per fresh process and
 * prints the median wall time and the peak RSS of the Node process.
 *
 *   node --experimental-strip-types bench/history.ts [--tickets 10000] [--commits 50000]
 *     [--runs 3] [--regen] [--strict]
 *
 * The history: each ticket is created by one commit, the other commits change one ticket each:
 * status steps (with an indented timeline entry), body edits and, now and then, a renumber
 * (rename plus a new `id:`). `--strict` exits 1 when the 5 s target is missed.
 * OPSBOOK_HISTORY_PARALLEL=N sets `parallel` (default: one `git log` per CPU, at most 4).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { readTicketHistory } from '../scripts/git/history.ts';
import { mulberry32 } from './random.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TARGET_SECONDS = 5;
const STATUSES = ['new', 'triaged', 'investigating', 'identified', 'monitoring', 'resolved', 'closed'];
const AUTHORS = Array.from({ length: 20 }, (_, i) => `Person ${i} <person${i}@example.com>`);
const START = Date.UTC(2022, 0, 1) / 1000;
/** The history spans five years; a ticket's year (its folder) is the year it was opened. */
const SPAN = 5 * 365 * 86400;

interface Options {
  tickets: number;
  commits: number;
  runs: number;
  regen: boolean;
  strict: boolean;
  measure: string;
}

function parseOptions(argv: readonly string[]): Options {
  const opts: Options = { tickets: 10000, commits: 50000, runs: 3, regen: false, strict: false, measure: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const int = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) {
        process.stderr.write(`${arg} needs a positive integer\n`);
        process.exit(2);
      }
      return n;
    };
    if (arg === '--tickets') opts.tickets = int();
    else if (arg === '--commits') opts.commits = int();
    else if (arg === '--runs') opts.runs = int();
    else if (arg === '--regen') opts.regen = true;
    else if (arg === '--strict') opts.strict = true;
    else if (arg === '--measure') opts.measure = argv[++i] ?? '';
    else {
      process.stderr.write(
        `unknown argument ${arg}\nusage: history.ts [--tickets N] [--commits N] [--runs N] [--regen] [--strict]\n`,
      );
      process.exit(2);
    }
  }
  if (opts.commits < opts.tickets) opts.commits = opts.tickets;
  return opts;
}

interface Ticket {
  id: string;
  year: number;
  path: string;
  status: number;
  timeline: string[];
  body: string[];
}

function render(t: Ticket): string {
  const timeline = t.timeline.length > 0 ? `timeline:\n${t.timeline.join('')}` : '';
  return `---\nid: ${t.id}\ntitle: Synthetic ticket ${t.id}\nkind: incident\nstatus: ${STATUSES[t.status]}\nimpact: medium\nurgency: low\nservices: [mail]\nreported_at: ${t.year}-01-01T00:00:00Z\n${timeline}---\n${t.body.join('\n')}\n`;
}

function ticketId(n: number, year: number): string {
  return `INC-${year}-${String(n).padStart(5, '0')}`;
}

/** Writes the fast-import stream for the whole history into `git fast-import`. */
async function generate(dir: string, opts: Options): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  spawnSync('git', ['init', '-q', '-b', 'main', dir], { stdio: 'inherit' });
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise<number>((ok) => child.on('close', (code) => ok(code ?? 1)));
  const rnd = mulberry32(1);
  const tickets: Ticket[] = [];
  let next = 1;
  let buffer: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const ok = child.stdin.write(buffer.join(''));
    buffer = [];
    size = 0;
    if (!ok) await new Promise((r) => child.stdin.once('drain', r));
  };
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let c = 0; c < opts.commits; c++) {
    const when = START + Math.floor((c * SPAN) / opts.commits);
    const year = new Date(when * 1000).getUTCFullYear();
    const who = AUTHORS[Math.floor(rnd() * AUTHORS.length)];
    const stamp = `${who} ${when} +0000`;
    const ops: string[] = [];
    let message: string;
    const toCreate = opts.tickets - tickets.length;
    if (toCreate > 0 && (tickets.length === 0 || rnd() < toCreate / (opts.commits - c))) {
      const id = ticketId(next++, year);
      const t: Ticket = {
        id,
        year,
        path: `incidents/${year}/${id}.md`,
        status: 0,
        timeline: [],
        body: ['Users report slow mail delivery.', 'status: this body line is not the status'],
      };
      tickets.push(t);
      ops.push(`M 100644 inline ${t.path}\n${data(render(t))}`);
      message = `open ${id}`;
    } else {
      const t = tickets[Math.floor(rnd() * tickets.length)] as Ticket;
      const roll = rnd();
      if (roll < 0.01) {
        const old = t.path;
        t.id = ticketId(next++, t.year);
        t.path = `incidents/${t.year}/${t.id}.md`;
        ops.push(`R ${old} ${t.path}\n`);
        message = `renumber ${t.id}`;
      } else if (roll < 0.45 && t.status < STATUSES.length - 1) {
        t.status++;
        t.timeline.push(`  - at: ${t.year}-01-02T00:00:00Z\n    status: ${STATUSES[t.status]}\n`);
        message = `${t.id}: ${STATUSES[t.status]}`;
      } else {
        t.body.push(`Update ${c}: still looking at the queue on host ${Math.floor(rnd() * 100)}.`);
        message = `${t.id}: notes`;
      }
      ops.push(`M 100644 inline ${t.path}\n${data(render(t))}`);
    }
    const part = `commit refs/heads/main\nauthor ${stamp}\ncommitter ${stamp}\n${data(message)}${ops.join('')}\n`;
    buffer.push(part);
    size += part.length;
    if (size > 1 << 20) await flush();
  }
  await flush();
  child.stdin.end();
  if ((await done) !== 0) throw new Error('git fast-import failed');
  // fast-import leaves a loosely deltified pack; repack it as `git gc` would leave a real one.
  spawnSync('git', ['repack', '-a', '-d', '-f', '-q', '--window=10', '--depth=50'], {
    cwd: dir,
    stdio: 'inherit',
  });
  writeFileSync(join(dir, '.complete'), `${opts.tickets} ${opts.commits}\n`);
}

async function measure(dir: string): Promise<void> {
  const start = performance.now();
  const parallel = process.env.OPSBOOK_HISTORY_PARALLEL;
  const history = await readTicketHistory(dir, parallel ? { parallel: Number(parallel) } : {});
  const seconds = (performance.now() - start) / 1000;
  let changes = 0;
  for (const h of history.values()) changes += h.statusChanges.length;
  process.stdout.write(
    `${JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, tickets: history.size, changes })}\n`,
  );
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.measure) return measure(opts.measure);
  const name = `history-${opts.tickets >= 1000 ? `${opts.tickets / 1000}k` : opts.tickets}-${opts.commits}`;
  const dir = join(ROOT, 'bench', '.data', name);
  if (opts.regen || !existsSync(join(dir, '.complete'))) {
    const start = performance.now();
    await generate(dir, opts);
    process.stdout.write(
      `generated ${dir}: ${opts.tickets} tickets, ${opts.commits} commits in ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
    );
  }
  const results: { seconds: number; maxRssMb: number; tickets: number; changes: number }[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const run = spawnSync(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        import.meta.filename,
        '--measure',
        dir,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (run.status !== 0) throw new Error(`measure run failed: ${run.stderr}`);
    results.push(JSON.parse(run.stdout));
  }
  const sorted = results.map((r) => r.seconds).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const rss = Math.max(...results.map((r) => r.maxRssMb));
  const first = results[0];
  process.stdout.write(
    `machine: ${availableParallelism()} CPUs, ${cpus()[0]?.model ?? '?'}, Node ${process.version}\n` +
      `readTicketHistory: ${first?.tickets} tickets, ${first?.changes} status changes\n` +
      `median ${median.toFixed(2)} s over ${opts.runs} runs (${sorted.map((s) => s.toFixed(2)).join(', ')}), peak RSS ${rss.toFixed(0)} MB (Node process; git runs as a child)\n` +
      `target ${TARGET_SECONDS} s: ${median <= TARGET_SECONDS ? 'met' : 'MISSED'}\n`,
  );
  if (opts.strict && median > TARGET_SECONDS) process.exit(1);
}

await main();
