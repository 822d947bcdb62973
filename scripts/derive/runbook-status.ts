/**
 * Runbook upkeep at a date: when each runbook is due for review and for a drill, which ones are
 * stale, and which central services have no disaster-recovery runbook. Pure: runbooks,
 * configuration and the local date in. `opsbook runbooks` prints it; reports may count it.
 *
 * - A runbook is **stale** when the date is past `last_reviewed + review_every`, past
 *   `last_tested + test_every`, or when it has `test_every` but was never drilled.
 *   Intervals count days as `intervalDays` does (a month 30 days, a year 365).
 * - A runbook counts as **disaster recovery** when it states both recovery objectives, `rto`
 *   and `rpo`: it says how fast and to which point a service is brought back.
 * - A **central** service (`group: central` in opsbook.yaml) is covered when a disaster-recovery
 *   runbook lists it in `services`.
 */
import { dateOfEpochDay, epochDay } from '../model/time.ts';
import type { OpsbookConfig, Runbook } from '../model/types.ts';
import { intervalDays, MAX_INTERVAL_DAYS } from './runbook-rules.ts';

export type StaleReason = 'review-overdue' | 'drill-overdue' | 'never-drilled';

export interface RunbookStatus {
  id: string;
  file: string;
  title: string;
  services: string[];
  owner: string;
  audience: string;
  disasterRecovery: boolean;
  lastReviewed: string;
  reviewEvery: string;
  /** The last day the review is in time (`last_reviewed + review_every`), null for a bad interval. */
  reviewDue: string | null;
  lastTested: string | null;
  testEvery: string | null;
  /** The last day the drill is in time; null without `test_every` or without a drill. */
  testDue: string | null;
  /** Why the runbook is stale; empty when it is not. */
  stale: StaleReason[];
}

export interface ServiceCoverage {
  id: string;
  name: string;
  group: string;
  /** Runbooks listing the service, in runbook order. */
  runbooks: string[];
  /** Those of them that count as disaster recovery. */
  disasterRecovery: string[];
}

export interface RunbookOverview {
  /** The local date the staleness refers to. */
  today: string;
  runbooks: RunbookStatus[];
  /** Services in opsbook.yaml order, then unknown service ids that runbooks list (sorted). */
  services: ServiceCoverage[];
  /** Central services without a disaster-recovery runbook, in opsbook.yaml order. */
  uncovered: string[];
  summary: { runbooks: number; stale: number; centralServices: number; uncovered: number };
}

export interface RunbookSource {
  file: string;
  data: Runbook;
}

/** `date` plus `days` days, `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDay(date) + days);
}

function dueAfter(date: string, interval: string): string | null {
  const days = intervalDays(interval);
  // An interval out of range (`runbook/interval`) has no due date: `100000000d` would be no date.
  return days >= 1 && days <= MAX_INTERVAL_DAYS && !Number.isNaN(epochDay(date)) ? addDays(date, days) : null;
}

function isDisasterRecovery(runbook: Pick<Runbook, 'rto' | 'rpo'>): boolean {
  return Boolean(runbook.rto && runbook.rpo);
}

export function runbookStatus(source: RunbookSource, today: string): RunbookStatus {
  const r = source.data;
  const reviewDue = dueAfter(r.last_reviewed, r.review_every);
  const testDue = r.test_every && r.last_tested ? dueAfter(r.last_tested, r.test_every) : null;
  const stale: StaleReason[] = [];
  if (reviewDue !== null && today > reviewDue) stale.push('review-overdue');
  if (r.test_every && !r.last_tested) stale.push('never-drilled');
  if (testDue !== null && today > testDue) stale.push('drill-overdue');
  return {
    id: r.id,
    file: source.file,
    title: r.title,
    services: [...r.services],
    owner: r.owner,
    audience: r.audience,
    disasterRecovery: isDisasterRecovery(r),
    lastReviewed: r.last_reviewed,
    reviewEvery: r.review_every,
    reviewDue,
    lastTested: r.last_tested ?? null,
    testEvery: r.test_every ?? null,
    testDue,
    stale,
  };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildRunbookOverview(
  sources: readonly RunbookSource[],
  config: Pick<OpsbookConfig, 'services'>,
  today: string,
): RunbookOverview {
  const runbooks = sources.map((s) => runbookStatus(s, today)).sort((a, b) => byCodePoint(a.id, b.id));
  const services: ServiceCoverage[] = Object.entries(config.services).map(([id, s]) => ({
    id,
    name: s.name,
    group: s.group,
    runbooks: [],
    disasterRecovery: [],
  }));
  const byService = new Map(services.map((s) => [s.id, s]));
  const unknown: ServiceCoverage[] = [];
  for (const r of runbooks) {
    for (const id of new Set(r.services)) {
      let entry = byService.get(id);
      if (!entry) {
        entry = { id, name: id, group: '', runbooks: [], disasterRecovery: [] };
        byService.set(id, entry);
        unknown.push(entry);
      }
      entry.runbooks.push(r.id);
      if (r.disasterRecovery) entry.disasterRecovery.push(r.id);
    }
  }
  unknown.sort((a, b) => byCodePoint(a.id, b.id));
  const central = services.filter((s) => s.group === 'central');
  const uncovered = central.filter((s) => s.disasterRecovery.length === 0).map((s) => s.id);
  return {
    today,
    runbooks,
    services: [...services, ...unknown],
    uncovered,
    summary: {
      runbooks: runbooks.length,
      stale: runbooks.filter((r) => r.stale.length > 0).length,
      centralServices: central.length,
      uncovered: uncovered.length,
    },
  };
}
