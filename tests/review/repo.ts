/**
 * Small purpose-built repositories for the review tests.
 * Calendar mon-fri: 08:00-17:00 Europe/Berlin, closed on the extra holidays 2026-03-31 and
 * 2026-04-06; reviews are due 2 business days after the resolution on it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers/cli.ts';

export const CONFIG = `organization: { name: Review Test, timezone: Europe/Berlin }
teams:
  ops: { name: Operations }
services:
  mail: { name: E-mail, group: central, owner: ops }
  erp: { name: ERP hosting, group: central, owner: ops }
customers:
  acme: { name: Acme & Co, contract: maintenance }
calendars:
  mon-fri:
    timezone: Europe/Berlin
    hours: { mon: ["08:00-17:00"], tue: ["08:00-17:00"], wed: ["08:00-17:00"], thu: ["08:00-17:00"], fri: ["08:00-17:00"] }
    holidays: { dates: ["2026-03-31", "2026-04-06"] }
priority:
  matrix:
    high: { high: P1, medium: P2, low: P3 }
    medium: { high: P2, medium: P3, low: P4 }
    low: { high: P3, medium: P4, low: P4 }
sla:
  policies:
    standard:
      calendar: mon-fri
      targets:
        P1: { response: 1h, resolution: 2bd }
        P2: { response: 1h, resolution: 2bd }
        P3: { response: 1h, resolution: 5bd }
  default: standard
review:
  due_business_days: 2
  calendar: mon-fri
`;

export function makeRepo(
  files: Record<string, string>,
  config = CONFIG,
): { dir: string; cleanup: () => void } {
  const repo = tempDir('review');
  writeFileSync(join(repo.dir, 'opsbook.yaml'), config);
  mkdirSync(join(repo.dir, 'incidents'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
    writeFileSync(join(repo.dir, path), text);
  }
  return repo;
}
