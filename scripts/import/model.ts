/**
 * What every source turns its input into: tickets in Opsbook's terms, the catalogue entries
 * they need, and the records that could not be mapped (with where in the input they are).
 */
import type { ServiceEffect } from '../model/schema-types.generated.ts';
import type { TicketKind, TicketStatus } from '../model/types.ts';

export interface SourceRef {
  system: string;
  id: string;
  url?: string;
}

export interface ImportedEntry {
  /** Epoch ms. */
  at: number;
  status?: TicketStatus;
  public?: string;
  note?: string;
  by?: string;
}

export interface ImportedTicket {
  source: SourceRef;
  /** Where the record is in the input (`file.csv row 4 (line 6)`), for messages. */
  where: string;
  kind: TicketKind;
  title: string;
  status: TicketStatus;
  impact?: 'high' | 'medium' | 'low';
  urgency?: 'high' | 'medium' | 'low';
  /** The source's own priority, kept when it differs from the matrix. */
  priority?: { value: 'P1' | 'P2' | 'P3' | 'P4'; source: string };
  services: { id: string; effect?: ServiceEffect }[];
  team?: string;
  customer?: string;
  channel?: string;
  assignee?: string;
  reportedBy?: string;
  category?: string;
  ci?: string;
  reportedAt: number;
  resolvedAt?: number;
  closedAt?: number;
  scheduledFor?: number;
  scheduledUntil?: number;
  /** The last time the source changed the record: the time of a status without a time of its own. */
  updatedAt?: number;
  timeline: ImportedEntry[];
  /** The Markdown body of a new ticket. */
  body?: string;
  /** The source published a post-incident review (its text, when it has one, is `body`). */
  publishedReview?: boolean;
}

export interface CatalogueEntry {
  id: string;
  name: string;
  group?: string;
  public?: boolean;
  description?: string;
}

/** The services, teams and customers the imported tickets name, for opsbook.yaml. */
export interface Catalogue {
  services: Map<string, CatalogueEntry>;
  teams: Map<string, CatalogueEntry>;
  customers: Map<string, CatalogueEntry>;
}

export function emptyCatalogue(): Catalogue {
  return { services: new Map(), teams: new Map(), customers: new Map() };
}

export interface ImportProblem {
  where: string;
  /** The source's record id when known. */
  id?: string;
  field: string;
  message: string;
}

/** A source's answer: tickets in input order, the catalogue they use, and what was skipped. */
export interface SourceResult {
  tickets: ImportedTicket[];
  catalogue: Catalogue;
  problems: ImportProblem[];
}

/** Thrown by a source to skip one record; caught where the record is read. */
export class UnmappableValue extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
