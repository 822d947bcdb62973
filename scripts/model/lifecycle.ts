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

/** Statuses after which a ticket only changes by being reopened. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['closed', 'cancelled']);

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
