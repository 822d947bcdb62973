/**
 * Work done where the tickets are parsed (FactsDerivation): `sla` and `report` have each
 * ticket's SLA computed in the threads that parse it. The answers must be the ones computed
 * afterwards on the main thread, through worker threads too; a value for another instant is not
 * used; and facts left in the threads are read again from the file when a command asks. Each
 * ticket is handed on as soon as it and the files before it are known (onTicket).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSlaReport, slaDerivation } from '../../scripts/derive/sla-report.ts';
import { ExitError } from '../../scripts/lib/errors.ts';
import { loadConfig } from '../../scripts/load/repository.ts';
import { type IndexedTicket, type TicketIndex, withTicketIndex } from '../../scripts/load/ticket-index.ts';
import type { OpsbookConfig } from '../../scripts/model/types.ts';
import { copyFixture, runCli } from '../helpers/cli.ts';

const AT = Date.parse('2026-03-10T12:00:00Z');

function indexOf(
  root: string,
  derive?: ReturnType<typeof slaDerivation>,
  cache = false,
): Promise<TicketIndex> {
  return withTicketIndex(root, { cache, derive }, (index) => ({ result: index }));
}

/** A ticket of the clean fixture's shape, varied by its number. */
function ticket(n: number): string {
  const id = `INC-2026-${String(n).padStart(4, '0')}`;
  const day = String(1 + (n % 27)).padStart(2, '0');
  const hour = String(7 + (n % 11)).padStart(2, '0');
  const states = ['new', 'investigating', 'resolved'] as const;
  const status = states[n % 3] as string;
  const lines = [
    '---',
    `id: ${id}`,
    `title: "Mail is slow: case ${n}"`,
    'kind: incident',
    `status: ${status}`,
    `impact: ${n % 2 ? 'high' : 'medium'}`,
    'urgency: high',
    'services: [mail]',
    `reported_at: 2026-02-${day}T${hour}:00:00+01:00`,
    'timeline:',
    `  - at: 2026-02-${day}T${hour}:00:00+01:00`,
    '    status: new',
  ];
  if (status !== 'new') {
    lines.splice(9, 0, `acknowledged_at: 2026-02-${day}T${hour}:20:00+01:00`);
    lines.push(`  - at: 2026-02-${day}T${hour}:20:00+01:00`, '    status: investigating');
  }
  if (status === 'resolved') {
    lines.splice(10, 0, `resolved_at: 2026-02-${day}T${hour}:50:00+01:00`);
    lines.push(`  - at: 2026-02-${day}T${hour}:50:00+01:00`, '    status: resolved');
  }
  return `${lines.join('\n')}\ncustomer: acme\nteam: ops\n---\nBody.\n`;
}

/**
 * The clean fixture with 2,700 tickets: enough files for the worker threads to start
 * (file-pool.ts: 2,500). `invalid`: the number of one that names no kind the schema knows.
 */
function manyTickets(invalid?: number): { root: string; dir: string; cleanup: () => void } {
  const fixture = copyFixture('clean');
  const dir = join(fixture.dir, 'incidents', '2026');
  mkdirSync(dir, { recursive: true });
  for (let n = 3; n <= 2_700; n++) {
    const text = ticket(n);
    writeFileSync(
      join(dir, `INC-2026-${String(n).padStart(4, '0')}.md`),
      n === invalid ? text.replace('kind: incident', 'kind: no-such-kind') : text,
    );
  }
  return { root: fixture.dir, dir, cleanup: fixture.cleanup };
}

describe('SLA computed where the tickets are parsed', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('gives the report the main thread would compute, at that instant only', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const config = loadConfig(fixture.dir).config as OpsbookConfig;
    const plain = await indexOf(fixture.dir);
    const derived = await indexOf(fixture.dir, slaDerivation(config, AT));
    expect(plain.tickets.every((t) => t.computed === undefined)).toBe(true);
    expect(derived.tickets.every((t) => Array.isArray(t.computed))).toBe(true);

    const expected = buildSlaReport(plain.tickets, config, AT);
    const early = buildSlaReport(derived.tickets, config, AT);
    expect(early.tickets.map((t) => t.json)).toEqual(expected.tickets.map((t) => t.json));
    expect(early.summary).toEqual(expected.summary);
    expect(early.tickets.map((t) => t.sla)).toEqual(expected.tickets.map((t) => t.sla));
    // Settled SLA is still handed back for the cache.
    expect([...early.settled.values.values()]).toEqual([...expected.settled.values.values()]);

    // At another instant the values computed for AT are not used.
    const other = Date.parse('2026-03-02T09:30:00Z');
    const again = buildSlaReport(derived.tickets, config, other);
    expect(again.tickets.map((t) => t.json)).toEqual(
      buildSlaReport(plain.tickets, config, other).tickets.map((t) => t.json),
    );
    expect(again.tickets[0]?.sla.resolution.stoppedAt).toBeNull();
  });

  it('sends only the fields the command reads (no timeline unless listed) when no cache is written', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const config = loadConfig(fixture.dir).config as OpsbookConfig;
    const plain = await indexOf(fixture.dir);
    const fieldsRead = ['id', 'status', 'reported_at', 'services'];
    const derive = { ...slaDerivation(config, AT), fieldsRead };
    const lean = await indexOf(fixture.dir, derive);
    expect(plain.tickets.some((t) => (t.data.timeline?.length ?? 0) > 0)).toBe(true);
    const only = (data: object) =>
      Object.fromEntries(Object.entries(data).filter(([key]) => fieldsRead.includes(key)));
    expect(lean.tickets.map((t) => t.data)).toEqual(plain.tickets.map((t) => only(t.data)));
    expect(lean.tickets.every((t) => t.data.timeline === undefined && t.data.title === undefined)).toBe(true);
    // The SLA, which reads the timelines and more, is computed from the whole ticket: the same.
    expect(buildSlaReport(lean.tickets, config, AT).tickets.map((t) => t.json)).toEqual(
      buildSlaReport(plain.tickets, config, AT).tickets.map((t) => t.json),
    );
    // The timeline is sent when listed.
    const withTimeline = await indexOf(fixture.dir, { ...derive, fieldsRead: [...fieldsRead, 'timeline'] });
    expect(withTimeline.tickets.map((t) => t.data.timeline)).toEqual(
      plain.tickets.map((t) => t.data.timeline),
    );
    // With the cache, which other commands read, the facts keep every field.
    const cached = await indexOf(fixture.dir, derive, true);
    expect(cached.tickets.map((t) => t.data)).toEqual(plain.tickets.map((t) => t.data));
  });

  it('reads facts it did not keep from the file when asked, and says so when the file changed', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const config = loadConfig(fixture.dir).config as OpsbookConfig;
    const plain = await indexOf(fixture.dir);
    const lean = await indexOf(fixture.dir, slaDerivation(config, AT, { factsRarely: true }));
    expect(lean.tickets.map((t) => t.data)).toEqual(plain.tickets.map((t) => t.data));

    const later = await indexOf(fixture.dir, slaDerivation(config, AT, { factsRarely: true }));
    const file = join(fixture.dir, 'incidents/2026/INC-2026-0002.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: .*$/m, 'status: no-such-status'));
    const changed = later.tickets.find((t) => t.file.endsWith('INC-2026-0002.md'));
    expect(() => changed?.data).toThrow(ExitError);
    expect(() => changed?.data).toThrow(/INC-2026-0002\.md changed while it was read/);
  });

  it('prints the same `sla` and `report` through worker threads as on one thread and from the cache', async () => {
    const fixture = manyTickets();
    cleanup = fixture.cleanup;
    const at = '--at=2026-03-10T12:00:00Z';
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: fixture.root, env });
    const threads = process.env.OPSBOOK_THREADS;
    const outputs = async (): Promise<string[]> => {
      const sla = await cli(['sla', '--format', 'json', at, '--no-cache']);
      const report = await cli(['report', '--format', 'json', at, '--no-cache']);
      expect([sla.code, report.code, sla.stderr, report.stderr]).toEqual([0, 0, '', '']);
      return [sla.stdout, report.stdout];
    };
    let parallel: string[];
    let single: string[];
    try {
      process.env.OPSBOOK_THREADS = '2';
      parallel = await outputs();
      process.env.OPSBOOK_THREADS = '1';
      single = await outputs();
    } finally {
      if (threads === undefined) delete process.env.OPSBOOK_THREADS;
      else process.env.OPSBOOK_THREADS = threads;
    }
    expect(JSON.parse(parallel[0] as string).tickets).toHaveLength(2_700);
    expect(parallel).toEqual(single);
    // The cached run (settled entries from the cache, the rest computed on the main thread).
    await cli(['sla', '--format', 'json', at]);
    const cached = await cli(['sla', '--format', 'json', at]);
    expect(cached.stdout).toBe(parallel[0]);
    // The report from the cache, whose facts keep the timelines the uncached runs left out.
    await cli(['report', '--format', 'json', at]);
    const cachedReport = await cli(['report', '--format', 'json', at]);
    expect(cachedReport.stdout).toBe(parallel[1]);
  });
});

describe('tickets handed on while the others are parsed (onTicket)', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('hands on every valid ticket once, in file order, before the parse ends, with threads and the cache', async () => {
    const fixture = manyTickets(1_234);
    cleanup = fixture.cleanup;
    const dir = fixture.dir;
    const threads = process.env.OPSBOOK_THREADS;
    const handOn = async (cache: boolean, now?: number) => {
      const seen: IndexedTicket[] = [];
      let done = 0;
      let doneAtFirst = -1;
      const index = await withTicketIndex(
        fixture.root,
        {
          cache,
          now,
          onProgress: (count) => {
            done = count;
          },
          onTicket: (t) => {
            if (seen.length === 0) doneAtFirst = done;
            seen.push(t);
          },
        },
        (index) => ({ result: index }),
      );
      return { index, seen, doneAtFirst };
    };
    try {
      process.env.OPSBOOK_THREADS = '2';
      const parsed = await handOn(false);
      expect(parsed.index.tickets).toHaveLength(2_699);
      expect(parsed.index.invalidFiles).toEqual(['incidents/2026/INC-2026-1234.md']);
      expect(parsed.seen).toEqual(parsed.index.tickets);
      expect(parsed.seen.every((t, i) => t === parsed.index.tickets[i])).toBe(true);
      // The first ticket came while most files were still to be parsed.
      expect(parsed.doneAtFirst).toBeGreaterThanOrEqual(0);
      expect(parsed.doneAtFirst).toBeLessThan(2_700);

      // From the cache, with some files changed since: cached and parsed tickets in file order.
      const later = Date.now() + 10_000;
      await handOn(true, later);
      for (const n of [5, 1_500, 2_699]) {
        const file = join(dir, `INC-2026-${String(n).padStart(4, '0')}.md`);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: Changed ${n}`));
      }
      const mixed = await handOn(true, later);
      // The three changed files and the invalid one (never cached) are parsed again.
      expect([mixed.index.cached, mixed.index.parsed]).toEqual([2_696, 4]);
      expect(mixed.seen.map((t) => t.file)).toEqual(parsed.seen.map((t) => t.file));
      expect(mixed.seen.every((t, i) => t === mixed.index.tickets[i])).toBe(true);
      expect(mixed.seen.find((t) => t.file.endsWith('INC-2026-0005.md'))?.data.title).toBe('Changed 5');
    } finally {
      if (threads === undefined) delete process.env.OPSBOOK_THREADS;
      else process.env.OPSBOOK_THREADS = threads;
    }
  });
});
