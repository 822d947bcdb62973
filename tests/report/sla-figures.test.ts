/**
 * `report --no-cache` has each ticket's SLA figures computed where the ticket is parsed, without
 * the whole entry `opsbook sla` prints (report/sla-figures.ts). They must be exactly what the
 * report read of the whole entries before: the same status, clock states, policy and times, for
 * every ticket of the example organisation at instants before, during and after its incidents.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportSlaDerivation, reportSlaOf } from '../../scripts/derive/report/sla-figures.ts';
import type { ReportSla } from '../../scripts/derive/report/types.ts';
import { buildSlaReport, type SlaEntry, slaDerivation } from '../../scripts/derive/sla-report.ts';
import { loadConfig } from '../../scripts/load/repository.ts';
import { type TicketIndex, withTicketIndex } from '../../scripts/load/ticket-index.ts';
import type { OpsbookConfig } from '../../scripts/model/types.ts';

const EXAMPLE = fileURLToPath(new URL('../..', import.meta.url));
const config = loadConfig(EXAMPLE).config as OpsbookConfig;

function indexOf(derive?: ReturnType<typeof reportSlaDerivation>): Promise<TicketIndex> {
  return withTicketIndex(EXAMPLE, { cache: false, derive }, (index) => ({ result: index }));
}

/** What the report read of a whole entry. */
function figuresOf(entry: SlaEntry | undefined): ReportSla | undefined {
  return entry && { status: entry.status, states: entry.states, policy: entry.policy, times: entry.times };
}

const INSTANTS = [
  // Before the first ticket: every one is reported later.
  '2024-01-01T00:00:00Z',
  // While some of 2025's incidents run, before others are reported.
  '2025-03-04T09:30:00Z',
  '2025-11-20T14:00:00Z',
  // The example's present, with open incidents and running clocks.
  '2026-11-23T12:00:00Z',
  '2027-06-01T00:00:00Z',
];

describe('the report’s SLA figures computed where the tickets are parsed', () => {
  it.each(INSTANTS)('are the figures of the whole SLA entries at %s', async (iso) => {
    const at = Date.parse(iso);
    const plain = await indexOf();
    const figured = await indexOf(reportSlaDerivation(config, at, []));
    expect(figured.tickets.map((t) => t.file)).toEqual(plain.tickets.map((t) => t.file));

    const expected = buildSlaReport(plain.tickets, config, at).bySource.map(figuresOf);
    const { bySource, settled } = reportSlaOf(figured.tickets, config, at);
    expect(bySource).toEqual(expected);
    // No whole entries were made, so there is nothing to keep for the cache.
    expect(settled.values.size).toBe(0);
  });

  it('has every kind of clock among them: not reported yet, not applicable, running, met and breached', async () => {
    const at = Date.parse('2026-11-23T12:00:00Z');
    const figured = await indexOf(reportSlaDerivation(config, at, []));
    const { bySource } = reportSlaOf(figured.tickets, config, at);
    const states = new Set(bySource.flatMap((f) => f?.states ?? []));
    expect([...states].sort()).toEqual(expect.arrayContaining(['breached', 'met', 'not-applicable']));
    expect(bySource.some((f) => f?.times[0] === null && f.states[0] !== 'not-applicable')).toBe(true);
    const early = Date.parse('2025-03-04T09:30:00Z');
    const before = reportSlaOf(
      (await indexOf(reportSlaDerivation(config, early, []))).tickets,
      config,
      early,
    );
    expect(before.bySource.some((f) => f === undefined)).toBe(true);
  });

  it('computes the whole entries for tickets without figures, and keeps the settled ones', async () => {
    const at = Date.parse('2026-11-23T12:00:00Z');
    const plain = await indexOf();
    const whole = await indexOf(slaDerivation(config, at));
    const expected = buildSlaReport(whole.tickets, config, at);
    for (const tickets of [plain.tickets, whole.tickets]) {
      const { bySource, settled } = reportSlaOf(tickets, config, at);
      expect(bySource.map((e) => e && { ...e })).toEqual(
        expected.bySource.map(figuresOf).map((e) => e && expect.objectContaining(e)),
      );
      expect(settled.values.size).toBe(expected.settled.values.size);
    }
    expect(expected.settled.values.size).toBeGreaterThan(0);
  });
});
