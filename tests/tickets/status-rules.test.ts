import { describe, expect, it } from 'vitest';
import {
  ENDING_STATUSES,
  FINAL_STATUSES,
  isOpenStatus,
  isWorkingStatus,
  MAINTENANCE_RUNNING_STATUSES,
  MAINTENANCE_STARTING_STATUSES,
  OPEN_STATUSES,
  RESOLVING_STATUSES,
  resolutionStatus,
  statusAllowed,
  statusesFor,
} from '../../scripts/model/lifecycle.ts';

const every = [...new Set([...statusesFor('incident'), ...statusesFor('maintenance')])];

describe('the status rules', () => {
  it('splits every status into open or ending, and ending into resolving or cancelled', () => {
    for (const s of every) {
      expect(OPEN_STATUSES.has(s) !== ENDING_STATUSES.has(s)).toBe(true);
      expect(isOpenStatus(s)).toBe(OPEN_STATUSES.has(s));
    }
    expect([...ENDING_STATUSES].sort()).toEqual([...RESOLVING_STATUSES, 'cancelled'].sort());
    for (const s of FINAL_STATUSES) expect(ENDING_STATUSES.has(s)).toBe(true);
  });

  it('resolves each kind with a status that kind may take and that stops the clock', () => {
    for (const kind of ['incident', 'service-request', 'problem', 'maintenance'] as const) {
      const status = resolutionStatus(kind);
      expect(statusAllowed(kind, status)).toBe(true);
      expect(RESOLVING_STATUSES.has(status)).toBe(true);
    }
    expect(statusAllowed('incident', 'completed')).toBe(false);
    expect(statusAllowed('maintenance', 'resolved')).toBe(false);
  });

  it('counts a maintenance that started or runs as open and working', () => {
    for (const s of MAINTENANCE_STARTING_STATUSES) expect(MAINTENANCE_RUNNING_STATUSES.has(s)).toBe(true);
    for (const s of MAINTENANCE_RUNNING_STATUSES) {
      expect(statusAllowed('maintenance', s)).toBe(true);
      expect(isWorkingStatus(s)).toBe(true);
    }
    expect(isWorkingStatus('new')).toBe(false);
    expect(isWorkingStatus('scheduled')).toBe(false);
    expect(isWorkingStatus('resolved')).toBe(false);
  });
});
