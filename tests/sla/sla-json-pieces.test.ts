/**
 * `sla --format json` is written in pieces of a few thousand tickets; joined, they are the one
 * document of the contract (one ticket per line), at every count around a piece's end.
 */
import { describe, expect, it } from 'vitest';
import type { SlaEntry, SlaReport } from '../../scripts/derive/sla-report.ts';
import { formatSlaJson, slaJsonPieces } from '../../scripts/present/sla.ts';

function report(count: number): SlaReport {
  const tickets = Array.from({ length: count }, (_, i) => ({
    json: JSON.stringify({ id: `INC-2026-${i}` }),
  }));
  const summary = { met: count, running: 0, 'at-risk': 0, paused: 0, breached: 0, 'not-applicable': count };
  return { at: '2026-03-10T12:00:00Z', tickets: tickets as SlaEntry[], summary };
}

describe('the SLA JSON in pieces', () => {
  it.each([0, 1, 1_999, 2_000, 2_001, 4_000, 4_001])('gives one JSON document for %i tickets', (count) => {
    const pieces = [...slaJsonPieces(report(count))];
    const text = pieces.join('');
    expect(formatSlaJson(report(count))).toBe(text);
    const parsed = JSON.parse(text) as { at: string; tickets: { id: string }[]; summary: { met: number } };
    expect(parsed.tickets.map((t) => t.id)).toEqual(report(count).tickets.map((t) => JSON.parse(t.json).id));
    expect(parsed.summary.met).toBe(count);
    expect(parsed.at).toBe('2026-03-10T12:00:00Z');
    // One ticket per line, indented, and no piece holds more than 2,000 of them.
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('    {"id"'))).toHaveLength(count);
    expect(lines.at(-1)).toBe('');
    expect(Math.max(...pieces.map((p) => p.split('{"id"').length - 1))).toBeLessThanOrEqual(2_000);
    if (count === 0) expect(text).toContain('"tickets": [],');
  });
});
