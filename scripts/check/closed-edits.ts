/**
 * `history/closed-edited` for `validate --changed-since`: each changed ticket is compared with
 * its version at the merge base (all of them read by one `git cat-file --batch`), and a ticket
 * that was final there and is edited without being reopened draws one warning at its first
 * changed line. The comparison itself is scripts/derive/closed-edit.ts.
 *
 * Only changed files are compared, never the whole history: a whole-repository run (and so the
 * validation cache) does not have this rule.
 */
import { join } from 'node:path';
import { closedTicketEdit, type TicketVersion } from '../derive/closed-edit.ts';
import { readFilesAtRef } from '../git/file-at-ref.ts';
import { readBoundedFile } from '../load/documents.ts';
import { TICKET_DIR } from '../load/files.ts';
import { splitFrontmatter } from '../load/frontmatter.ts';
import type { RuleFinding } from '../load/rule-finding.ts';
import { decodeSource } from '../load/source-text.ts';
import { parseYaml, TICKET_YAML_LIMITS } from '../load/yaml.ts';
import { idFromPath } from '../model/ids.ts';

export interface ClosedEditBase {
  /** The commit the changes are compared with (the merge base). */
  commit: string;
  /** How the user named it (`origin/main`), for the message. */
  label: string;
}

/** A ticket version's data and body, or null when it cannot be read as one (other rules say why). */
function ticketVersion(bytes: Uint8Array): TicketVersion | null {
  const decoded = decodeSource(bytes);
  if (!decoded.usable) return null;
  const split = splitFrontmatter(decoded.text);
  if (!split.ok) return null;
  const parsed = parseYaml(split.yaml, TICKET_YAML_LIMITS);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))
    return null;
  return { data: parsed.value as Record<string, unknown>, body: split.body, bodyLine: split.bodyLine };
}

const SHOWN_FIELDS = 4;

export async function checkClosedEdits(
  root: string,
  base: ClosedEditBase,
  files: readonly string[],
): Promise<RuleFinding[]> {
  const tickets = files.filter((f) => f.startsWith(`${TICKET_DIR}/`) && f.endsWith('.md'));
  if (tickets.length === 0) return [];
  const atBase = await readFilesAtRef(root, base.commit, tickets);
  const findings: RuleFinding[] = [];
  for (const file of tickets) {
    const oldBytes = atBase.get(file);
    if (!oldBytes) continue; // added by the change
    const before = ticketVersion(oldBytes);
    if (!before) continue;
    let newBytes: Uint8Array | { tooLarge: number };
    try {
      newBytes = readBoundedFile(join(root, file));
    } catch {
      continue; // unreadable: file/unreadable says so
    }
    if (!(newBytes instanceof Uint8Array)) continue;
    const after = ticketVersion(newBytes);
    if (!after) continue;
    const edit = closedTicketEdit(before, after);
    if (!edit) continue;
    const shown = edit.changed.slice(0, SHOWN_FIELDS).join(', ');
    const more = edit.changed.length > SHOWN_FIELDS ? ` and ${edit.changed.length - SHOWN_FIELDS} more` : '';
    const message =
      `${idFromPath(file)} was ${edit.status} on ${base.label} and this change edits ${shown}${more} without reopening it: ` +
      'add a timeline entry that reopens it, or change only review, actions, prevention, problem, related and the review section';
    findings.push(
      'path' in edit.at
        ? {
            file,
            code: 'history/closed-edited',
            severity: 'warning',
            message,
            path: edit.at.path,
            at: typeof edit.at.path[edit.at.path.length - 1] === 'number' ? 'value' : 'key',
          }
        : { file, code: 'history/closed-edited', severity: 'warning', message, line: edit.at.line, col: 1 },
    );
  }
  return findings;
}
