/**
 * The values of the ticket schema's enumerations, as lists in the schema's order: for prompts,
 * "one of …" messages, importers' translations and the report's fixed keys. Statuses and their
 * meaning live in lifecycle.ts.
 */
export const TICKET_KINDS = ['incident', 'service-request', 'problem', 'maintenance'] as const;
export const LEVELS = ['high', 'medium', 'low'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const CHANNELS = ['web-form', 'phone', 'email', 'chat', 'walk-in', 'monitoring', 'social'] as const;
/** A service's effect on the status page (Statuspage's component statuses). */
export const EFFECTS = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type Effect = (typeof EFFECTS)[number];
