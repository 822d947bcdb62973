/**
 * What the ticket index keeps to the end of a command (facts parsed in the main thread, SLA
 * entries) must not hold on to the text of the ticket files: a 13-character ID or status cut
 * from a file keeps the whole file in memory in V8 unless it is copied. Proved on the heap
 * itself: after the index is built, the ticket files' texts are gone from it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapSnapshot } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSlaReport, slaDerivation } from '../../scripts/derive/sla-report.ts';
import { detachedString, detachStrings } from '../../scripts/lib/detached-strings.ts';
import { loadConfig } from '../../scripts/load/repository.ts';
import { withTicketIndex } from '../../scripts/load/ticket-index.ts';
import type { OpsbookConfig } from '../../scripts/model/types.ts';
import { copyFixture } from '../helpers/cli.ts';

/**
 * The strings of 1,000 bytes or more in this thread's heap (reachable ones: a snapshot collects
 * garbage first) that start with `prefix`.
 */
async function longStringsStartingWith(prefix: string): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  const snapshot = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const type = fields.indexOf('type');
  const name = fields.indexOf('name');
  const size = fields.indexOf('self_size');
  let found = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (types[0][snapshot.nodes[i + type] as number] !== 'string') continue;
    if ((snapshot.nodes[i + size] as number) < 1_000) continue;
    if (snapshot.strings[snapshot.nodes[i + name] as number]?.startsWith(prefix)) found++;
  }
  return found;
}

/** A unique marker, built at run time so that this file's own source does not contain it. */
const MARK = ['kept', 'values', 'detached', String(process.pid)].join('-');

describe('values kept from ticket files', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('copies long strings, in a tree of objects and arrays too, and leaves the rest as it is', () => {
    const text = `${'x'.repeat(5_000)} a long title to cut out`;
    expect(detachedString(text.slice(-24))).toBe(' a long title to cut out');
    expect(detachedString('short')).toBe('short');
    const tree = { list: [{ at: text.slice(-20), n: 1 }, text.slice(-13)], id: 'INC-1', none: null };
    expect(detachStrings(tree)).toBe(tree);
    expect(tree).toEqual({
      list: [{ at: 'ong title to cut out', n: 1 }, 'title to cut out'.slice(-13)],
      id: 'INC-1',
      none: null,
    });
  });

  it('keeps no ticket file text after the index is built, in the facts or in the SLA entries', async () => {
    const fixture = copyFixture('clean');
    cleanup = fixture.cleanup;
    const dir = join(fixture.dir, 'incidents', '2026');
    mkdirSync(dir, { recursive: true });
    for (let n = 10; n < 15; n++) {
      const id = `INC-2026-00${n}`;
      writeFileSync(
        join(dir, `${id}.md`),
        [
          '---',
          `# ${MARK}`,
          `id: ${id}`,
          'title: Mail is slow for the whole sales floor',
          'kind: incident',
          'status: investigating',
          'impact: high',
          'urgency: high',
          'services: [mail]',
          'reported_at: 2026-02-03T09:00:00+01:00',
          'acknowledged_at: 2026-02-03T09:20:00+01:00',
          'timeline:',
          '  - at: 2026-02-03T09:00:00+01:00',
          '    status: new',
          '  - at: 2026-02-03T09:20:00+01:00',
          '    status: investigating',
          '---',
          `Body. ${'Details of the outage. '.repeat(100)}`,
          '',
        ].join('\n'),
      );
    }
    expect(await longStringsStartingWith(`---\n# ${MARK}`)).toBe(0);
    const config = loadConfig(fixture.dir).config as OpsbookConfig;
    const at = Date.parse('2026-03-10T12:00:00Z');
    const derive = slaDerivation(config, at);
    const index = await withTicketIndex(fixture.dir, { cache: false, derive }, (i) => ({ result: i }));
    const report = buildSlaReport(index.tickets, config, at);
    const ours = index.tickets.filter((t) => t.file.includes('INC-2026-001'));
    expect(ours.map((t) => t.data.title)).toEqual(Array(5).fill('Mail is slow for the whole sales floor'));
    expect(report.tickets.filter((t) => t.id.startsWith('INC-2026-001'))).toHaveLength(5);
    // The regular expression engine keeps the subject of its last match: one file's text at most.
    expect(await longStringsStartingWith(`---\n# ${MARK}`)).toBeLessThanOrEqual(1);
    // Both are still alive here.
    expect([index, report]).toHaveLength(2);
  });
});
