/**
 * Ticket priority (docs/file-formats.md): a given `priority` wins, otherwise the impact × urgency matrix
 * of opsbook.yaml decides.
 */

export type Level = 'high' | 'medium' | 'low';

/** `priority.matrix` of opsbook.yaml: impact → urgency → priority (`P1`..`P4`). */
export type PriorityMatrix = { readonly [impact in Level]?: { readonly [urgency in Level]?: string } };

/** The fields of a ticket that decide its priority. */
export interface PriorityInput {
  readonly priority?: string | null;
  readonly impact?: string | null;
  readonly urgency?: string | null;
}

function isLevel(value: unknown): value is Level {
  return value === 'high' || value === 'medium' || value === 'low';
}

/** The matrix's priority for `impact` × `urgency`, or null when either is missing or unknown. */
export function priorityFromMatrix(
  matrix: PriorityMatrix | undefined,
  impact: string | null | undefined,
  urgency: string | null | undefined,
): string | null {
  if (!matrix || !isLevel(impact) || !isLevel(urgency)) return null;
  return matrix[impact]?.[urgency] ?? null;
}

/** The ticket's priority: the given one, else the matrix's; null when neither exists (maintenance). */
export function effectivePriority(ticket: PriorityInput, matrix: PriorityMatrix | undefined): string | null {
  if (ticket.priority) return ticket.priority;
  return priorityFromMatrix(matrix, ticket.impact, ticket.urgency);
}
