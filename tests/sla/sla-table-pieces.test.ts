/**
 * The `opsbook sla` table is written in pieces of a few thousand rows; joined, they are one
 * table whose columns are as wide as the widest cell of any piece.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyCalendars } from '../../scripts/derive/policy-calendars.ts';
import type { SlaEntry, SlaReport } from '../../scripts/derive/sla-report.ts';
import { slaTablePieces } from '../../scripts/present/sla.ts';

/** `count` settled tickets; the last one has the longest title and the longest policy name. */
function report(count: number): SlaReport {
  const tickets = Array.from({ length: count }, (_, i) => {
    const last = i === count - 1;
    return {
      id: `INC-2026-${String(i).padStart(4, '0')}`,
      title: last ? 'The last title is the widest one' : 'x'.repeat(1 + (i % 7)),
      status: 'resolved',
      states: ['met', 'not-applicable'],
      running: false,
      policy: last ? 'a-much-longer-policy-name' : 'gold',
      priority: 'P3',
    } as unknown as SlaEntry;
  });
  const summary = {
    met: count,
    running: 0,
    'at-risk': 0,
    paused: 0,
    breached: 0,
    'not-applicable': count,
  };
  return { at: '2026-03-10T12:00:00Z', tickets, summary };
}

const noCalendars = {} as PolicyCalendars;

describe('the SLA table in pieces', () => {
  it.each([0, 1, 1_999, 2_000, 2_001, 4_001])('gives one aligned table for %i tickets', (count) => {
    const pieces = [...slaTablePieces(report(count), noCalendars, { color: false })];
    const lines = pieces.join('').split('\n');
    // The header, a row per ticket, an empty line, the summary, and the final newline.
    expect(lines).toHaveLength(count + 4);
    const [header = '', ...rest] = lines;
    const rows = rest.slice(0, count);
    expect(rows.map((r) => r.slice(0, 13))).toEqual(report(count).tickets.map((t) => t.id));
    // Every row's cells start where the header's do, in the first piece as in the last.
    const statusAt = header.indexOf('STATUS');
    const responseAt = header.indexOf('RESPONSE');
    for (const row of rows) {
      expect(row.indexOf(' resolved ') + 1).toBe(statusAt);
      expect(row.indexOf(' met ') + 1).toBe(responseAt);
      expect(row).toBe(row.trimEnd());
    }
    if (count > 0)
      expect(statusAt).toBeGreaterThan(header.indexOf('TITLE') + 'The last title is the widest one'.length);
    expect(lines.at(-2)).toBe(
      `${count} tickets at 2026-03-10T12:00:00Z: ${count} met, 0 running, 0 at-risk, 0 paused, 0 breached, ${count} not-applicable (clocks)`,
    );
    expect(lines.at(-3)).toBe('');
    expect(Math.max(...pieces.map((p) => p.split('\nINC-').length - 1))).toBeLessThanOrEqual(2_000);
  });
});
