/**
 * The public updates of a ticket as known at `at`, oldest first: every timeline entry with public
 * text, plus a standard update wherever the Statuspage status changed and nobody wrote about the
 * new status before it changed again. Status clients expect every incident to carry at least one
 * update (they read `incident_updates[0]`), and Statuspage itself writes one for each change.
 *
 * A standard update is numbered by its status change (`s1` is the status the ticket began with),
 * public texts by their order, so an update keeps its id from build to build; a standard update
 * disappears once the desk writes a text for that stretch, its text replacing it.
 */
import type { IncidentStatus, MaintenanceStatus } from '../model/site.ts';
import { instantMs } from '../model/time.ts';
import type { StatusTicket } from './status-timeline.ts';
import { statusChanges, updateStatuses } from './ticket-phase.ts';

export interface PublicUpdate {
  /** `<n>` for the n-th public text, `s<n>` for the standard update of the n-th status change. */
  key: string;
  at: number;
  status: IncidentStatus | MaintenanceStatus;
  /** The text as written; null for a standard update. */
  text: string | null;
  /** A standard update that tells of a maintenance's cancellation (its status is `completed`). */
  cancelled: boolean;
}

export function publicUpdates(t: StatusTicket, at: number): PublicUpdate[] {
  const statuses = updateStatuses(t);
  const texts: PublicUpdate[] = [];
  (t.timeline ?? []).forEach((entry, i) => {
    const when = instantMs(entry.at);
    if (!(when <= at) || !entry.public) return;
    texts.push({
      key: String(texts.length + 1),
      at: when,
      status: statuses[i] as PublicUpdate['status'],
      text: entry.public,
      cancelled: false,
    });
  });
  const changes = statusChanges(t, at);
  const standard: PublicUpdate[] = [];
  changes.forEach((change, i) => {
    const until = changes[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    const told = texts.some((u) => u.status === change.status && u.at >= change.at && u.at < until);
    if (!told) {
      standard.push({
        key: `s${i + 1}`,
        at: change.at,
        status: change.status,
        text: null,
        cancelled: change.cancelled,
      });
    }
  });
  // Stable: at the same instant the standard update (the change) goes before the texts.
  return [...standard, ...texts].sort((a, b) => a.at - b.at);
}
