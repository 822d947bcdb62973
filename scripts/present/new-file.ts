/**
 * The text of a new ticket or runbook file: frontmatter in a fixed, readable order and a body
 * with the sections a team fills in.
 */
import { dump, JSON_SCHEMA } from 'js-yaml';

type Value =
  | string
  | number
  | boolean
  | string[]
  | (string | Record<string, unknown>)[]
  | Record<string, unknown>[]
  | Record<string, unknown>
  | undefined;

function yamlOf(fields: Record<string, Value>): string {
  const present: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    present[key] = value;
  }
  return dump(present, { schema: JSON_SCHEMA, lineWidth: -1 });
}

export interface NewTicketFields {
  id: string;
  title: string;
  kind: 'incident' | 'service-request' | 'problem' | 'maintenance';
  impact?: string;
  urgency?: string;
  services: (string | { id: string; effect: string })[];
  customer?: string;
  channel?: string;
  reported_by?: string;
  assignee?: string;
  team?: string;
  /** Local ISO time with offset. */
  reportedAt: string;
  /** When monitoring noticed it (local ISO with offset), before or at reportedAt. */
  detectedAt?: string;
  scheduledFor?: string;
  scheduledUntil?: string;
  /** The first public update (status page). */
  public?: string;
  /** The first internal note (default: "Ticket logged." / "Maintenance planned."). */
  note?: string;
  /** Custom `x-` fields of the ticket, written after the timeline. */
  extra?: Record<string, Value>;
  /** Custom `x-` fields of the first timeline entry. */
  entryExtra?: Record<string, Value>;
}

export function newTicketText(f: NewTicketFields): string {
  const maintenance = f.kind === 'maintenance';
  const status = maintenance ? 'scheduled' : 'new';
  const frontmatter = yamlOf({
    id: f.id,
    title: f.title,
    kind: f.kind,
    status,
    impact: f.impact,
    urgency: f.urgency,
    services: f.services,
    customer: f.customer,
    channel: f.channel,
    reported_by: f.reported_by,
    assignee: f.assignee,
    team: f.team,
    detected_at: f.detectedAt,
    reported_at: f.reportedAt,
    scheduled_for: f.scheduledFor,
    scheduled_until: f.scheduledUntil,
    timeline: [
      {
        at: f.reportedAt,
        status,
        ...(f.public ? { public: f.public } : {}),
        note: f.note ?? (maintenance ? 'Maintenance planned.' : 'Ticket logged.'),
        ...f.entryExtra,
      },
    ],
    ...f.extra,
  });
  const body = maintenance
    ? '## What we will do\n\n\n## Expected impact\n\n\n## Rollback plan\n'
    : f.kind === 'problem'
      ? '## Problem statement\n\n\n## Related incidents\n\n\n## Root cause analysis\n\n\n## Workaround\n'
      : '## Description\n\n\n## Steps taken\n';
  return `---\n${frontmatter}---\n${body}`;
}

export interface NewRunbookFields {
  id: string;
  title: string;
  services: string[];
  owner: string;
  today: string;
}

export function newRunbookText(f: NewRunbookFields): string {
  const frontmatter = yamlOf({
    id: f.id,
    title: f.title,
    services: f.services,
    scenario: 'Describe the situation this runbook handles.',
    owner: f.owner,
    last_reviewed: f.today,
    review_every: '180d',
    test_every: '365d',
    audience: 'internal',
  });
  return `---\n${frontmatter}---\n## Prerequisites\n\n- \n\n## Steps\n\n1. \n\n## Verification\n\n- \n\n## Rollback\n\n1. \n`;
}
