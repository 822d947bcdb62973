/**
 * `opsbook report` takes each ticket as soon as it is parsed (PeriodicReportBuilder), while the
 * threads parse the next ones. The report must be the one built over the finished list: with the
 * SLA figures the threads computed, with none (tickets from the cache) and with a mix, at
 * instants before, during and after the example organisation's incidents, with and without
 * `--where` clauses and a period. Its review figures, taken ticket by ticket, are those of
 * `review --check` over the whole list.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { periodicReport } from '../../scripts/derive/report/periodic.ts';
import { reportSlaDerivation } from '../../scripts/derive/report/sla-figures.ts';
import { parseWhere, type WhereClause } from '../../scripts/derive/report-filter.ts';
import { type ReportPeriod, reportPeriod } from '../../scripts/derive/report-period.ts';
import { ReviewAndActionFigures } from '../../scripts/derive/report-reviews.ts';
import { ScopeTest } from '../../scripts/derive/report-scope.ts';
import { buildReviewCheck, type ReviewTicket } from '../../scripts/derive/review-check.ts';
import { reviewPolicy } from '../../scripts/derive/review-policy.ts';
import { loadConfig } from '../../scripts/load/repository.ts';
import { type IndexedTicket, type TicketIndex, withTicketIndex } from '../../scripts/load/ticket-index.ts';
import type { OpsbookConfig } from '../../scripts/model/types.ts';
import { localDate } from '../../scripts/model/zone-offsets.ts';
import { formatReportJson } from '../../scripts/present/report-json.ts';
import { tempDir } from '../helpers/cli.ts';

const EXAMPLE = fileURLToPath(new URL('../..', import.meta.url));
const config = loadConfig(EXAMPLE).config as OpsbookConfig;
const zone = config.organization.timezone;

/** The example's ticket index; with `cacheDir`, a fresh cache (so every ticket keeps all its facts). */
function indexOf(derive?: ReturnType<typeof reportSlaDerivation>, cacheDir?: string): Promise<TicketIndex> {
  const options = { cache: cacheDir !== undefined, cacheDir, derive };
  return withTicketIndex(EXAMPLE, options, (index) => ({ result: index }));
}

function reportOf(
  tickets: readonly IndexedTicket[],
  at: number,
  clauses: WhereClause[],
  period: ReportPeriod,
) {
  const result = periodicReport({
    config,
    tickets,
    at,
    period,
    clauses,
    policy: reviewPolicy(config),
    today: localDate(at, zone),
    runbooks: [],
    customFields: () => ({}),
  });
  return { json: formatReportJson(result.report), settled: result.settled.values.size };
}

const CASES: [string, string[], string | null][] = [
  ['2025-03-04T09:30:00Z', [], null],
  ['2025-11-20T14:00:00Z', ['kind=incident'], null],
  ['2026-11-23T12:00:00Z', [], null],
  ['2026-11-23T12:00:00Z', ['service!=mail', 'priority=P1,P2'], '2026-01-01'],
  ['2027-06-01T00:00:00Z', [], '2026-06-01'],
];

describe('the report built while the tickets are parsed', () => {
  it.each(CASES)('at %s with %j from %s is the report over the finished list', async (iso, where, from) => {
    const at = Date.parse(iso);
    const clauses = parseWhere(where);
    const period = reportPeriod(from, localDate(at, zone), zone);
    const plain = (await indexOf()).tickets;
    // As `report --no-cache` has them: the fields the report reads, and the figures.
    const figured = (await indexOf(reportSlaDerivation(config, at, clauses))).tickets;
    expect(figured.every((t) => t.computed !== undefined)).toBe(true);
    const { dir, cleanup } = tempDir('report-cache');
    const whole = (await indexOf(reportSlaDerivation(config, at, clauses), dir)).tickets;
    cleanup();
    expect(whole.every((t) => t.computed !== undefined)).toBe(true);

    // Tickets from the cache bring no figures: the SLA is computed when the report is finished.
    const batch = reportOf(plain, at, clauses, period);
    // Every ticket with its figures: each goes into the report as it is added.
    const streamed = reportOf(figured, at, clauses, period);
    // The last ticket of the period without them: the report is built again over the whole list.
    const scope = new ScopeTest({ period, at, clauses, config, customFields: () => ({}) });
    const last = whole.findLastIndex((t) => scope.place(t) === 'period');
    const mixed = [...whole];
    mixed[last] = plain[last] as IndexedTicket;
    const fallback = reportOf(mixed, at, clauses, period);

    expect(last).toBeGreaterThan(0);
    expect(JSON.parse(batch.json).tickets.total).toBeGreaterThan(0);
    expect(streamed.json).toBe(batch.json);
    expect(fallback.json).toBe(batch.json);
    // Only whole SLA entries are kept for the cache, and only the rebuilt reports made them.
    expect(streamed.settled).toBe(0);
    expect(fallback.settled).toBe(batch.settled);
  });
});

describe('review figures taken ticket by ticket', () => {
  const at = Date.parse('2026-03-10T12:00:00Z');
  const policy = { ...reviewPolicy(config), requiredPriorities: [], onBreach: true };
  const incident = (id: string, title: string): ReviewTicket => ({
    id,
    title,
    kind: 'incident',
    status: 'resolved',
    priority: 'P3',
    reported_at: '2026-03-02T09:00:00Z',
    resolved_at: '2026-03-02T11:00:00Z',
  });
  const tickets = [incident('INC-2026-0001', 'first'), incident('INC-2026-0002', 'second')];

  /** The report's way: each ticket's breach is in the set when it is added, later ones not yet. */
  function taken(list: readonly ReviewTicket[], breachedAt: Map<number, string>) {
    const breached = new Set<string>();
    const figures = new ReviewAndActionFigures({
      policy,
      breached,
      matrix: undefined,
      at,
      today: '2026-03-10',
    });
    list.forEach((t, i) => {
      const id = breachedAt.get(i);
      if (id !== undefined) breached.add(id);
      figures.add(t);
    });
    return figures.figures(list).reviews;
  }

  it('needs a review for a breached ticket, as `review --check` does', () => {
    const check = buildReviewCheck(
      tickets.map((data) => ({ file: data.id, data })),
      policy,
      at,
      '2026-03-10',
      { breached: new Set(['INC-2026-0002']), written: () => true, matrix: undefined },
    );
    const reviews = taken(tickets, new Map([[1, 'INC-2026-0002']]));
    expect(reviews.outstanding.map((r) => r.ticket)).toEqual(check.reviews.map((r) => r.id));
    expect(reviews.outstanding.map((r) => r.ticket)).toEqual(['INC-2026-0002']);
  });

  it('counts a later ticket’s breach for an earlier one with the same ID, as over the whole list', () => {
    // Two files with one ID (validate says so): the breach of the second counts for both.
    const shared = [incident('INC-2026-0003', 'first'), incident('INC-2026-0003', 'second')];
    const reviews = taken(shared, new Map([[1, 'INC-2026-0003']]));
    expect(reviews.required).toBe(2);
    expect(reviews.outstanding.map((r) => r.title)).toEqual(['first', 'second']);
  });
});
