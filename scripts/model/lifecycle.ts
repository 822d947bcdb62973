/**
 * The ticket lifecycle: which statuses exist for which kind, which are open, which resolve a
 * ticket and which end it. One home for these rules, so a new status is one change here.
 */
import type { TicketKind, TicketStatus } from './types.ts';

/** Statuses that only maintenance uses. */
export const MAINTENANCE_ONLY_STATUSES: ReadonlySet<string> = new Set([
  'scheduled',
  'in-progress',
  'completed',
]);

/** Statuses of a ticket that is still being worked on (or, for maintenance, still ahead or running). */
export const OPEN_STATUSES: ReadonlySet<string> = new Set([
  'new',
  'triaged',
  'investigating',
  'identified',
  'pending',
  'monitoring',
  'scheduled',
  'in-progress',
]);

/**
 * Statuses after which a ticket only changes by being reopened: a change to the record needs a
 * reopening timeline entry (closed-edit rules).
 */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['closed', 'cancelled']);

/**
 * Statuses at which the resolution clock has stopped because the work is done: `resolved`, its
 * maintenance counterpart `completed`, and `closed`, which follows either. `cancelled` is not among
 * them: a cancelled ticket's clock is not met, it does not count.
 */
export const RESOLVING_STATUSES: ReadonlySet<string> = new Set(['resolved', 'closed', 'completed']);

/**
 * Statuses that end a ticket: the resolving ones plus `cancelled`. An incident's effect on its
 * services and a maintenance window end with them.
 */
export const ENDING_STATUSES: ReadonlySet<string> = new Set(['resolved', 'closed', 'completed', 'cancelled']);

/**
 * Whether a ticket at this status has not ended. Any status outside ENDING_STATUSES counts, so for
 * the statuses the schema allows this is OPEN_STATUSES; it also answers for a status it does not know.
 */
export function isOpenStatus(status: string): boolean {
  return !ENDING_STATUSES.has(status);
}

/**
 * Statuses that show a maintenance window under way on the status page: `in-progress` and the
 * incident-like statuses a maintenance may pass through while it runs.
 */
export const MAINTENANCE_RUNNING_STATUSES: ReadonlySet<string> = new Set([
  'in-progress',
  'monitoring',
  'investigating',
  'identified',
  'pending',
]);

/**
 * Statuses whose timeline entry announces that a maintenance window began, so the scheduled
 * notification need not say it again.
 */
export const MAINTENANCE_STARTING_STATUSES: ReadonlySet<string> = new Set(['in-progress', 'monitoring']);

/** The status that ends a ticket's resolution clock: `completed` for maintenance. */
export function resolutionStatus(kind: TicketKind): TicketStatus {
  return kind === 'maintenance' ? 'completed' : 'resolved';
}

/** Whether a status is allowed for a kind of ticket. */
export function statusAllowed(kind: TicketKind, status: string): boolean {
  if (kind === 'maintenance') return status !== 'resolved';
  return !MAINTENANCE_ONLY_STATUSES.has(status);
}

/** The statuses a kind of ticket may take, in lifecycle order. */
export function statusesFor(kind: TicketKind): TicketStatus[] {
  const all: TicketStatus[] = [
    'new',
    'triaged',
    'scheduled',
    'investigating',
    'identified',
    'in-progress',
    'pending',
    'monitoring',
    'resolved',
    'completed',
    'closed',
    'cancelled',
  ];
  return all.filter((s) => statusAllowed(kind, s));
}

/** Whether work on the ticket has begun: the status that stops the response clock when first set. */
export function isWorkingStatus(status: string): boolean {
  return OPEN_STATUSES.has(status) && status !== 'new' && status !== 'scheduled';
}
