/**
 * The ticket index and its cache: reused only for unchanged files, rebuilt when damaged, and
 * settled SLA results reused without parsing the ticket again.
 */
import { isAscii } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSlaReport, type SlaResult } from '../../scripts/derive/sla-report.ts';
import { loadConfig } from '../../scripts/load/repository.ts';
import {
  CACHE_DIR,
  type IndexedTicket,
  type IndexWork,
  type TicketIndex,
  type TicketIndexOptions,
  withTicketIndex,
} from '../../scripts/load/ticket-index.ts';
import type { OpsbookConfig } from '../../scripts/model/types.ts';
import { copyFixture } from '../helpers/cli.ts';

// The fixture's files were just written; the racy-file rule caches only files older than 2 s.
const later = () => Date.now() + 10_000;

/** The index as a command sees it; the cache is written when the work returns. */
function open(
  root: string,
  options: TicketIndexOptions = {},
  work: (index: TicketIndex) => IndexWork<TicketIndex> = (index) => ({ result: index }),
): Promise<TicketIndex> {
  return withTicketIndex(root, options, work);
}

describe('ticket index', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('parses once, then serves unchanged files from the cache and re-reads changed ones', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const root = fixture.dir;

    const first = await open(root, { now: later() });
    expect([first.cached, first.parsed]).toEqual([0, 2]);

    const second = await open(root, { now: later() });
    expect([second.cached, second.parsed]).toEqual([2, 0]);
    expect(second.tickets.map((t) => t.data)).toEqual(first.tickets.map((t) => t.data));
    // Timeline texts and free-text fields are not part of the index.
    expect(JSON.stringify(second.tickets[0]?.data)).not.toContain('runbooks');

    const file = join(root, 'incidents/2026/INC-2026-0001.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Ticket INC-2026-0001', 'title: Renamed'));
    const third = await open(root, { now: later() });
    expect([third.cached, third.parsed]).toEqual([1, 1]);
    expect(third.tickets[0]?.data.title).toBe('Renamed');
  });

  it('does not cache files changed in the last two seconds', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    await open(fixture.dir);
    const second = await open(fixture.dir);
    expect(second.parsed).toBe(2);
  });

  it('rebuilds a damaged cache and lists invalid files apart', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const root = fixture.dir;
    await open(root, { now: later() });
    writeFileSync(join(root, CACHE_DIR, 'ticket-index.tsv'), '{"format": 3, "entries": [[');
    writeFileSync(join(root, 'incidents/2026/INC-2026-0002.md'), '---\nid: [\n---\n');
    const index = await open(root, { now: later() });
    expect(index.tickets.map((t) => t.file)).toEqual(['incidents/2026/INC-2026-0001.md']);
    expect(index.invalidFiles).toEqual(['incidents/2026/INC-2026-0002.md']);
  });

  it('reads back file names and texts with tabs, line breaks and any script from its lines', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const root = fixture.dir;
    const source = readFileSync(join(root, 'incidents/2026/INC-2026-0001.md'), 'utf8');
    const title = 'Tab\\there, line\\nbreak, \\u2028, «Почта» läuft nicht, 📨';
    writeFileSync(
      join(root, 'incidents/2026/odd\tname.md'),
      source.replace('title: Ticket INC-2026-0001', `title: "${title}"`),
    );
    const first = await open(root, { now: later() });
    // The file is ASCII: the Cyrillic, the umlaut and the emoji are JSON escapes in it.
    expect(isAscii(readFileSync(join(root, CACHE_DIR, 'ticket-index.tsv')))).toBe(true);
    const cached = await open(root, { now: later() });
    expect([cached.cached, cached.parsed]).toEqual([3, 0]);
    expect(cached.tickets.map((t) => [t.file, t.data])).toEqual(first.tickets.map((t) => [t.file, t.data]));
    const odd = cached.tickets.find((t) => t.file === 'incidents/2026/odd\tname.md');
    expect(odd?.data.title).toBe('Tab\there, line\nbreak, \u2028, «Почта» läuft nicht, 📨');
  });

  it('rebuilds the whole cache when one line is damaged, and removes the earlier format', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const root = fixture.dir;
    mkdirSync(join(root, CACHE_DIR), { recursive: true });
    writeFileSync(join(root, CACHE_DIR, 'ticket-index.json'), '{"format": 3, "entries": []}');
    const first = await open(root, { now: later() });
    expect(existsSync(join(root, CACHE_DIR, 'ticket-index.json'))).toBe(false);
    const path = join(root, CACHE_DIR, 'ticket-index.tsv');
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(4); // the head, two tickets, the final line break
    // The second ticket's line loses its derived values (a field short).
    writeFileSync(path, [lines[0], lines[1], lines[2]?.replace(/\t[^\t]*$/, ''), ''].join('\n'));
    const again = await open(root, { now: later() });
    expect([again.cached, again.parsed]).toEqual([0, 2]);
    expect(again.tickets.map((t) => t.data)).toEqual(first.tickets.map((t) => t.data));
  });

  it('keeps the derived values the work returns with the file and drops them when it changes', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const root = fixture.dir;
    await open(root, { now: later() }, (index) => ({
      result: index,
      keep: [{ name: 'note', values: new Map([[index.tickets[0] as IndexedTicket, 42]]) }],
    }));
    const second = await open(root, { now: later() });
    expect(second.tickets.map((t) => t.derived)).toEqual([{ note: 42 }, {}]);
    // Values kept in a later run join the earlier ones; the work never changes the tickets.
    const third = await open(root, { now: later() }, (index) => ({
      result: index,
      keep: [{ name: 'other', values: new Map([[index.tickets[0] as IndexedTicket, 'x']]) }],
    }));
    expect(third.tickets[0]?.derived).toEqual({ note: 42 });
    expect((await open(root, { now: later() })).tickets[0]?.derived).toEqual({ note: 42, other: 'x' });

    const file = join(root, 'incidents/2026/INC-2026-0001.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nMore text.\n`);
    expect((await open(root, { now: later() })).tickets[0]?.derived).toEqual({});
  });

  it('writes the parsed facts even when the work fails, without derived values', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const root = fixture.dir;
    const failing = open(root, { now: later() }, (index) => {
      void index;
      throw new Error('the command failed');
    });
    await expect(failing).rejects.toThrow('the command failed');
    const next = await open(root, { now: later() });
    expect([next.cached, next.parsed]).toEqual([2, 0]);
    expect(next.tickets.map((t) => t.derived)).toEqual([{}, {}]);
  });

  it('reuses a settled SLA without reading the ticket, and only from its last instant on', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const root = fixture.dir;
    const config = loadConfig(root).config as OpsbookConfig;
    const at = Date.parse('2026-03-10T12:00:00Z');
    let computed: SlaResult<IndexedTicket> | undefined;
    const first = await open(root, { now: later() }, (index) => {
      computed = buildSlaReport(index.tickets, config, at);
      return { result: index, keep: [computed.settled] };
    });
    if (!computed) throw new Error('not computed');
    // INC-2026-0001 is resolved and INC-2026-0002 a duplicate: both settled.
    expect(computed.settled.values.size).toBe(2);
    // The report keeps them apart; the index's tickets are not written to.
    expect(first.tickets.map((t) => t.derived)).toEqual([{}, {}]);

    const second = await open(root, { now: later() });
    let reads = 0;
    const sources = second.tickets.map((t) => ({
      derived: t.derived,
      get data() {
        reads++;
        return t.data;
      },
    }));
    const reused = buildSlaReport(sources, config, at);
    expect(reads).toBe(0);
    expect(reused.settled.values.size).toBe(0);
    expect(reused.tickets.map((t) => t.json)).toEqual(computed.tickets.map((t) => t.json));
    expect(reused.summary).toEqual(computed.summary);
    // The table's titles come with the settled entries too.
    expect(reused.tickets.map((t) => t.title)).toEqual(first.tickets.map((t) => t.data.title));
    expect(reused.tickets.every((t) => t.title.length > 0)).toBe(true);

    // Before INC-2026-0001's resolution (11:00 local) its SLA is computed again; the duplicate's is not.
    const before = buildSlaReport(sources, config, Date.parse('2026-03-02T09:30:00Z'));
    expect(reads).toBe(1);
    expect(before.tickets[0]?.sla.resolution.stoppedAt).toBeNull();
  });
});
