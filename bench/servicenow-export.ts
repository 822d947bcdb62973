/**
 * A generated ServiceNow audit-style export (one CSV row per update of an incident), shaped like
 * a real desk's: templated titles, an incident opened every 90 minutes around the clock, every
 * tenth one still open (so thousands are open at once), 2 to about 10 update rows each.
 * Used by import.ts and validate-ratio.ts.
 */
import { createWriteStream } from 'node:fs';
import { mulberry32 } from './random.ts';

/** A small opsbook.yaml the import adds the export's services, teams and customers to. */
export const SERVICENOW_BENCH_CONFIG = `organization: { name: Bench, timezone: Europe/Berlin }
teams:
  ops: { name: Operations }
services:
  mail: { name: E-mail, group: central, owner: ops }
calendars:
  mon-fri:
    timezone: Europe/Berlin
    hours: { mon: ["08:00-17:00"], tue: ["08:00-17:00"], wed: ["08:00-17:00"], thu: ["08:00-17:00"], fri: ["08:00-17:00"] }
priority:
  matrix:
    high: { high: P1, medium: P2, low: P3 }
    medium: { high: P2, medium: P3, low: P4 }
    low: { high: P3, medium: P4, low: P4 }
sla:
  policies:
    std: { calendar: mon-fri, targets: { P1: { response: 1h, resolution: 8h } } }
  default: std
`;
const HEADER =
  'number,short_description,incident_state,opened_at,sys_updated_on,sys_mod_count,sys_updated_by,resolved_at,closed_at,priority,impact,urgency,assignment_group,assigned_to,caller_id,contact_type,business_service,category';
const GROUPS = ['Service Desk', 'Network Team', 'Server Team', 'Web Team', 'Database Team'];
const SERVICES = ['E-mail', 'ERP', 'VPN', 'Web Hosting', 'Telephony', 'Backup', 'File Server'];
const LEVELS = ['1 - High', '2 - Medium', '3 - Low'];
const pad = (n: number) => String(n).padStart(2, '0');
const local = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
};

export interface ExportShape {
  /** Incidents in the export. */
  incidents: number;
  /** Update rows over all incidents (about; at least two per incident). */
  rows: number;
  seed: number;
}

/**
 * Writes the export; `extra` adds one more update row to the first incident that is still open.
 * Deterministic for a shape: the same numbers with and without `extra`.
 */
export async function writeServiceNowExport(
  file: string,
  { incidents, rows, seed }: ExportShape,
  extra = false,
): Promise<void> {
  const out = createWriteStream(file);
  const write = (line: string) =>
    new Promise<void>((done) => (out.write(`${line}\n`) ? done() : out.once('drain', done)));
  await write(HEADER);
  // The same numbers for both exports, so they differ only in the one extra row.
  const r = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const start = Date.parse('2022-01-03T06:00:00Z');
  let rowsLeft = rows;
  let extraDone = !extra;
  for (let i = 0; i < incidents; i++) {
    const updates = Math.max(2, Math.round(((rowsLeft / (incidents - i)) * (0.5 + r())) | 0));
    rowsLeft -= updates;
    const opened = start + i * 90 * 60_000 + Math.floor(r() * 60) * 60_000;
    const number = `INC${String(100000 + i)}`;
    const fields = [pick(GROUPS), 'Jonas Weber', 'Anna Müller', 'Phone', pick(SERVICES), 'Software'];
    const level = [pick(LEVELS), pick(LEVELS)];
    let t = opened;
    const states = ['New'];
    for (let u = 1; u < updates - 1; u++) states.push(u % 3 === 2 ? 'On Hold' : 'In Progress');
    const open = i % 10 === 0;
    states.push(open ? 'In Progress' : 'Resolved');
    if (!extraDone && open) {
      states.push('Resolved');
      extraDone = true;
    }
    for (let u = 0; u < states.length; u++) {
      const state = states[u] as string;
      const resolved = state === 'Resolved' ? local(t) : '';
      await write(
        [
          number,
          `"Incident ${i}, reported by phone"`,
          state,
          local(opened),
          local(t),
          u,
          'bench',
          resolved,
          '',
          '3 - Moderate',
          ...level,
          ...fields,
        ].join(','),
      );
      t += (5 + ((i * 31 + u * 17) % 120)) * 60_000;
    }
  }
  await new Promise<void>((done) => out.end(done));
}
