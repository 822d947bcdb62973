/**
 * The next free ticket number, from file names alone.
 */
import { formatTicketId, parseTicketId } from '../model/ids.ts';

/** The next ID for a prefix and year: one above the highest number any file already uses. */
export function nextTicketId(existingIds: Iterable<string>, prefix: string, year: number): string {
  let highest = 0;
  for (const id of existingIds) {
    const parsed = parseTicketId(id);
    if (parsed && parsed.prefix === prefix && parsed.year === year && parsed.number > highest)
      highest = parsed.number;
  }
  return formatTicketId(prefix, year, highest + 1);
}

/** A lowercase ASCII slug for runbook IDs: `Backup storage full` → `backup-storage-full`. */
export function slugify(text: string): string {
  const folded = text
    .replace(/ä/gi, 'ae')
    .replace(/ö/gi, 'oe')
    .replace(/ü/gi, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/å/gi, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return folded
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}
