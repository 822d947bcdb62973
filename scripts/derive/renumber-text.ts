/**
 * Replacing one ticket ID by another in a file's text, as a whole word only, so
 * `INC-2026-0001` never touches `INC-2026-00012`. Working on the text (not on parsed YAML)
 * keeps comments, unknown fields, quoting and the body exactly as they were.
 */
export function replaceTicketId(text: string, oldId: string, newId: string): string {
  const escaped = oldId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![A-Za-z0-9-])${escaped}(?![0-9A-Za-z])`, 'g'), newId);
}
