/**
 * The model: plain typed data. File shapes come from the JSON Schemas (generated types), so the
 * code and the schemas cannot drift apart.
 */
import type {
  MonitoringRule,
  OpsbookConfig,
  RotaDay,
  RotaTeam,
  Runbook,
  Ticket,
} from './schema-types.generated.ts';

export type { MonitoringRule, OpsbookConfig, RotaDay, RotaTeam, Runbook, Ticket };

export type TicketKind = Ticket['kind'];
export type TicketStatus = Ticket['status'];

/** A ticket file that passed schema validation. */
export interface TicketRecord {
  /** Repository-relative path, e.g. `incidents/2026/INC-2026-0042.md`. */
  file: string;
  data: Ticket;
  /** Markdown body after the frontmatter. */
  body: string;
  /** 1-based file line on which the body starts. */
  bodyLine: number;
}

export interface RunbookRecord {
  file: string;
  data: Runbook;
  body: string;
  bodyLine: number;
}
