/**
 * The tickets an earlier import brought, found by their `x-source` (system and id): a newer
 * export updates them instead of adding duplicates. Read from the ticket files themselves, so
 * it works on any checkout; only files that mention `x-source` are parsed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listMarkdownFiles, TICKET_DIR } from '../load/files.ts';
import { parseYaml, TICKET_YAML_LIMITS } from '../load/yaml.ts';
import { idFromPath } from '../model/ids.ts';

export interface ExistingTicket {
  file: string;
  data: Record<string, unknown>;
  body: string;
}

export interface ExistingTickets {
  /** Every ticket ID, from the file names. */
  ids: Set<string>;
  /** `system\u0000id` → the ticket that came from there. */
  bySource: Map<string, ExistingTicket>;
}

export function sourceKey(system: string, id: string): string {
  return `${system}\u0000${id}`;
}

export function readExistingTickets(root: string): ExistingTickets {
  const ids = new Set<string>();
  const bySource = new Map<string, ExistingTicket>();
  for (const file of listMarkdownFiles(root, TICKET_DIR).files) {
    ids.add(idFromPath(file));
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue;
    }
    if (!text.includes('x-source')) continue;
    const split = frontmatter(text);
    if (!split) continue;
    const parsed = parseYaml(split.yaml, TICKET_YAML_LIMITS);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) continue;
    const data = parsed.value as Record<string, unknown>;
    const source = data['x-source'] as { system?: unknown; id?: unknown } | undefined;
    if (typeof source?.system !== 'string' || typeof source.id !== 'string') continue;
    bySource.set(sourceKey(source.system, source.id), { file, data, body: split.body });
  }
  return { ids, bySource };
}

/** The YAML and the body of a ticket file; null when it has no front matter. */
function frontmatter(text: string): { yaml: string; body: string } | null {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return null;
  const close = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(open[0].length - 1));
  if (!close) return null;
  const end = open[0].length - 1 + close.index;
  return { yaml: text.slice(open[0].length, end + 1), body: text.slice(end + close[0].length) };
}
