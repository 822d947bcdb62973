/**
 * Ticket IDs: `<PREFIX>-<YEAR>-<NNNN>`, the prefix following the kind.
 */
import type { TicketKind } from './types.ts';

export const TICKET_ID = /^(INC|REQ|PRB|MNT)-(\d{4})-(\d{4,})$/;

export const PREFIX_BY_KIND: Readonly<Record<TicketKind, string>> = {
  incident: 'INC',
  'service-request': 'REQ',
  problem: 'PRB',
  maintenance: 'MNT',
};

export const KIND_BY_PREFIX: Readonly<Record<string, TicketKind>> = {
  INC: 'incident',
  REQ: 'service-request',
  PRB: 'problem',
  MNT: 'maintenance',
};

export interface ParsedId {
  prefix: string;
  year: number;
  number: number;
}

export function parseTicketId(id: string): ParsedId | null {
  const m = TICKET_ID.exec(id);
  if (!m) return null;
  return { prefix: m[1] as string, year: Number(m[2]), number: Number(m[3]) };
}

export function formatTicketId(prefix: string, year: number, number: number): string {
  return `${prefix}-${year}-${String(number).padStart(4, '0')}`;
}

/** The file a ticket with this ID lives in. */
export function ticketPath(id: string): string {
  const parsed = parseTicketId(id);
  const year = parsed ? parsed.year : 'unknown';
  return `incidents/${year}/${id}.md`;
}

/** The ID a ticket file claims by its name (`incidents/2026/INC-2026-0042.md` → `INC-2026-0042`). */
export function idFromPath(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name.endsWith('.md') ? name.slice(0, -3) : name;
}
