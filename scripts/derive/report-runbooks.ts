/**
 * Runbook staleness for the report, by the rules of `opsbook runbooks`
 * (scripts/derive/runbook-status.ts): stale once the local date is past
 * `last_reviewed + review_every`, past `last_tested + test_every`, or with `test_every` but no
 * drill at all. A runbook that was never drilled is listed as such even when it has no
 * `test_every` (and so is not stale): a recovery procedure nobody has ever followed is a risk a
 * service manager wants to see.
 */
import { type RunbookSource, runbookStatus, type StaleReason } from './runbook-status.ts';

export interface StaleRunbook {
  id: string;
  title: string;
  owner: string;
  /** Why the runbook is stale. */
  reasons: StaleReason[];
  /** The last day the review is in time, null for an invalid interval. */
  reviewDue: string | null;
  /** The last day the drill is in time; null without `test_every` or without a drill. */
  drillDue: string | null;
  lastTested: string | null;
}

export interface RunbookFigures {
  total: number;
  /** Stale runbooks, by ID. */
  stale: StaleRunbook[];
  /** IDs of runbooks never drilled (no `last_tested`), stale or not, sorted. */
  neverDrilled: string[];
}

export function runbookFigures(sources: readonly RunbookSource[], today: string): RunbookFigures {
  const states = sources
    .map((s) => runbookStatus(s, today))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    total: states.length,
    stale: states
      .filter((s) => s.stale.length > 0)
      .map((s) => ({
        id: s.id,
        title: s.title,
        owner: s.owner,
        reasons: s.stale,
        reviewDue: s.reviewDue,
        drillDue: s.testDue,
        lastTested: s.lastTested,
      })),
    neverDrilled: states.filter((s) => s.lastTested === null).map((s) => s.id),
  };
}
