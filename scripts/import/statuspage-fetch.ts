/**
 * `opsbook import statuspage URL`: the page's public API v2 documents fetched into a temporary
 * folder, which the folder reader then reads like saved responses. Each document is capped in
 * size and time; a document the page does not have is left out (as a missing file would be).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitError } from '../lib/errors.ts';

export const STATUSPAGE_DOCUMENTS = [
  'summary.json',
  'components.json',
  'incidents.json',
  'scheduled-maintenances.json',
];
const MAX_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** Whether INPUT names a page by its address rather than a folder. */
export function isPageUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** The API base of a page address: `https://status.example.com` → `…/api/v2/`. */
function apiBase(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  u.pathname = `${/\/api\/v2$/.test(path) ? path : `${path}/api/v2`}/`;
  u.search = '';
  u.hash = '';
  return u.toString();
}

/** Downloads the documents; returns the folder and a function that removes it. */
export async function fetchStatuspage(url: string): Promise<{ dir: string; cleanup: () => void }> {
  const base = apiBase(url);
  const dir = mkdtempSync(join(tmpdir(), 'opsbook-statuspage-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    let found = 0;
    for (const name of STATUSPAGE_DOCUMENTS) {
      let response: Response;
      try {
        response = await fetch(new URL(name, base), {
          signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: { accept: 'application/json' },
        });
      } catch (error) {
        throw new ExitError(`${new URL(name, base)}: ${(error as Error).message}`);
      }
      if (response.status === 404) continue;
      if (!response.ok) throw new ExitError(`${new URL(name, base)}: HTTP ${response.status}`);
      const text = await response.text();
      if (text.length > MAX_BYTES) throw new ExitError(`${new URL(name, base)}: over ${MAX_BYTES} bytes`);
      writeFileSync(join(dir, name), text);
      found++;
    }
    if (found === 0)
      throw new ExitError(`${base}: none of ${STATUSPAGE_DOCUMENTS.join(', ')} (is it a Statuspage?)`);
    return { dir, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
