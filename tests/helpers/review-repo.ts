/**
 * Small purpose-built repositories for the review tests.
 * Calendar mon-fri: 08:00-17:00 Europe/Berlin, closed on the extra holidays 2026-03-31 and
 * 2026-04-06; reviews are due 2 business days after the resolution on it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { configYaml, MON_FRI_CALENDAR, tempRepository } from './repo.ts';

export const CONFIG = configYaml({
  name: 'Review Test',
  services: `
  mail: { name: E-mail, group: central, owner: ops, public: false }
  erp: { name: ERP hosting, group: central, owner: ops, public: false }`,
  customers: `
  acme: { name: Acme & Co, contract: maintenance }`,
  calendars: `${MON_FRI_CALENDAR}
    holidays: { dates: ["2026-03-31", "2026-04-06"] }`,
  sla: `
  policies:
    standard:
      calendar: mon-fri
      targets:
        P1: { response: 1h, resolution: 2bd }
        P2: { response: 1h, resolution: 2bd }
        P3: { response: 1h, resolution: 5bd }
  default: standard`,
  more: `review:
  due_business_days: 2
  calendar: mon-fri
`,
});

export function makeRepo(
  files: Record<string, string>,
  config = CONFIG,
): { dir: string; cleanup: () => void } {
  const repo = tempRepository('review', config, files);
  mkdirSync(join(repo.dir, 'incidents'), { recursive: true });
  return repo;
}
