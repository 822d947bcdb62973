/**
 * Synthetic Opsbook repository for benchmarks.
 *
 *   node --experimental-strip-types bench/generate.ts --tickets 100000 --runbooks 200 \
 *     --out bench/.data/repo-100k [--seed 1] [--git] [--git-commits N]
 *
 * Writes `opsbook.yaml`, `runbooks/<service>/<id>.md` and `incidents/<year>/<ID>.md` that obey
 * every consistency rule of docs/file-formats.md, deterministically for a seed. With `--git` the
 * output folder becomes a Git repository: everything committed on `main` (in one commit, or
 * spread over N commits with `--git-commits N`), then a branch `feature` that changes 5 tickets
 * in one more commit, left checked out (for `validate --changed-since main`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPEN_STATUSES } from '../scripts/model/lifecycle.ts';
import { mulberry32 } from './random.ts';

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

interface Options {
  tickets: number;
  runbooks: number;
  out: string;
  seed: number;
  git: boolean;
  gitCommits: number;
  force: boolean;
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: generate.ts --tickets N --runbooks N --out DIR [--seed N] [--git] [--git-commits N] [--force]\n`,
  );
  process.exit(2);
}

function parseOptions(argv: readonly string[]): Options {
  const opts: Options = {
    tickets: 1000,
    runbooks: 200,
    out: '',
    seed: 1,
    git: false,
    gitCommits: 1,
    force: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    const int = (min: number): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < min) usage(`${arg} must be an integer >= ${min}`);
      return n;
    };
    switch (arg) {
      case '--tickets':
        opts.tickets = int(1);
        break;
      case '--runbooks':
        opts.runbooks = int(1);
        break;
      case '--out':
        opts.out = value();
        break;
      case '--seed':
        opts.seed = int(0);
        break;
      case '--git':
        opts.git = true;
        break;
      case '--git-commits':
        opts.gitCommits = int(1);
        opts.git = true;
        break;
      case '--force':
        opts.force = true;
        break;
      case '-h':
      case '--help':
        usage('Generates a synthetic Opsbook repository.');
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  if (!opts.out) usage('--out is required');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32)
// ---------------------------------------------------------------------------------------------

let rnd: () => number = mulberry32(1);

function int(min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}
function chance(p: number): boolean {
  return rnd() < p;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}
function weighted<T>(items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rnd() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}
function sample<T>(items: readonly T[], n: number): T[] {
  const copy = items.slice();
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0] as T);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Time: instants as epoch milliseconds, written with the Europe/Berlin offset of that instant
// ---------------------------------------------------------------------------------------------

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** No generated timeline entry lies after this instant (the SLA benchmark asks at 2026-11-23T12:00Z). */
const END = Date.parse('2026-11-22T18:00:00Z');
const FIRST_YEAR = 2019;
const LAST_YEAR = 2026;

const dstCache = new Map<number, [number, number]>();
function lastSundayUtc(year: number, month: number): number {
  const d = new Date(Date.UTC(year, month + 1, 0, 1));
  d.setUTCDate(d.getUTCDate() - d.getUTCDay());
  return d.getTime();
}
/** Offset of Europe/Berlin in hours at an instant (EU rule: last Sunday of March/October 01:00 UTC). */
function berlinOffset(t: number): number {
  const year = new Date(t).getUTCFullYear();
  let range = dstCache.get(year);
  if (!range) {
    range = [lastSundayUtc(year, 2), lastSundayUtc(year, 9)];
    dstCache.set(year, range);
  }
  return t >= range[0] && t < range[1] ? 2 : 1;
}
/** `2026-03-02T09:15:00+01:00` */
function fmt(t: number): string {
  const off = berlinOffset(t);
  return `${new Date(t + off * HOUR).toISOString().slice(0, 19)}+0${off}:00`;
}
/** `2026-03-02T08:15:00Z` */
function fmtZ(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}
/** Local (Berlin) calendar date `YYYY-MM-DD`. */
function localDate(t: number): string {
  return new Date(t + berlinOffset(t) * HOUR).toISOString().slice(0, 10);
}
/** The instant of a local Berlin wall time (close enough around DST changes for synthetic data). */
function berlinInstant(year: number, dayOfYear: number, hour: number, minute: number): number {
  const wall = Date.UTC(year, 0, 1 + dayOfYear, hour, minute);
  return wall - berlinOffset(wall - HOUR) * HOUR;
}

// ---------------------------------------------------------------------------------------------
// YAML scalars
// ---------------------------------------------------------------------------------------------

const PLAIN = /^[A-Za-zÄÖÜäöüßÅåÉé][A-Za-z0-9ÄÖÜäöüßÅåÉé .,()/'+-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;
/** A YAML scalar: plain when unambiguous, otherwise a JSON (= YAML double-quoted) string. */
function ys(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ') ? s : JSON.stringify(s);
}
/** A YAML scalar inside a flow mapping `{ ... }`, where a comma ends a plain scalar. */
function yf(s: string): string {
  return s.includes(',') ? JSON.stringify(s) : ys(s);
}

// ---------------------------------------------------------------------------------------------
// The organisation
// ---------------------------------------------------------------------------------------------

type Category =
  | 'server'
  | 'network'
  | 'storage'
  | 'account'
  | 'workstation'
  | 'software'
  | 'printer'
  | 'telephony';

interface Service {
  id: string;
  name: string;
  group: 'central' | 'decentral';
  owner: string;
  category: Category;
  ci: string;
  description: string;
}

const TEAMS: readonly (readonly [string, string])[] = [
  ['ops-team', 'Operations'],
  ['network-team', 'Network'],
  ['app-team', 'Applications'],
  ['security-team', 'Security'],
  ['service-desk', 'Service desk'],
  ['shop-team', 'Shop staff'],
];

const SERVICE_DEFS: readonly (readonly [
  string,
  string,
  'central' | 'decentral',
  string,
  Category,
  string,
])[] = [
  ['mail', 'E-mail', 'central', 'ops-team', 'server', 'srv-mail'],
  ['webmail', 'Webmail', 'central', 'ops-team', 'server', 'srv-web'],
  ['file-server', 'File server', 'central', 'ops-team', 'server', 'srv-files'],
  ['backup', 'Backup', 'central', 'ops-team', 'storage', 'srv-backup'],
  ['backup-offsite', 'Offsite backup', 'central', 'ops-team', 'storage', 'nas-offsite'],
  ['storage', 'Central storage (SAN)', 'central', 'ops-team', 'storage', 'san'],
  ['virtualization', 'Virtualization hosts', 'central', 'ops-team', 'server', 'esx'],
  ['database', 'Database cluster', 'central', 'app-team', 'server', 'srv-db'],
  ['erp', 'ERP system', 'central', 'app-team', 'server', 'srv-erp'],
  ['crm', 'CRM', 'central', 'app-team', 'server', 'srv-crm'],
  ['dms', 'Document management', 'central', 'app-team', 'server', 'srv-dms'],
  ['intranet', 'Intranet', 'central', 'app-team', 'server', 'srv-intranet'],
  ['customer-portal', 'Customer portal', 'central', 'app-team', 'server', 'srv-portal'],
  ['web-hosting', 'Web hosting', 'central', 'ops-team', 'server', 'srv-www'],
  ['git-hosting', 'Git hosting', 'central', 'app-team', 'server', 'srv-git'],
  ['remote-desktop', 'Remote desktop', 'central', 'ops-team', 'server', 'srv-rds'],
  ['print-server', 'Print server', 'central', 'ops-team', 'server', 'srv-print'],
  ['monitoring', 'Monitoring', 'central', 'ops-team', 'server', 'srv-mon'],
  ['active-directory', 'Directory service', 'central', 'security-team', 'account', 'srv-dc'],
  ['sso', 'Single sign-on', 'central', 'security-team', 'account', 'srv-idp'],
  ['internet-uplink', 'Internet uplink', 'central', 'network-team', 'network', 'rtr'],
  ['vpn', 'VPN', 'central', 'network-team', 'network', 'vpn-gw'],
  ['firewall', 'Firewall', 'central', 'network-team', 'network', 'fw'],
  ['dns', 'DNS', 'central', 'network-team', 'network', 'srv-dns'],
  ['dhcp', 'DHCP', 'central', 'network-team', 'network', 'srv-dhcp'],
  ['wifi', 'Wi-Fi', 'central', 'network-team', 'network', 'ap'],
  ['sftp', 'SFTP exchange', 'central', 'network-team', 'network', 'srv-sftp'],
  ['voip', 'Telephony (VoIP)', 'central', 'network-team', 'telephony', 'pbx'],
  ['pc', 'Desktop PCs', 'decentral', 'shop-team', 'workstation', 'pc'],
  ['notebook', 'Notebooks', 'decentral', 'shop-team', 'workstation', 'nb'],
  ['tablet', 'Tablets', 'decentral', 'shop-team', 'workstation', 'tab'],
  ['mobile', 'Mobile phones', 'decentral', 'shop-team', 'telephony', 'mob'],
  ['docking', 'Docking stations', 'decentral', 'shop-team', 'workstation', 'dock'],
  ['display', 'Displays', 'decentral', 'shop-team', 'workstation', 'mon'],
  ['printer', 'Printers', 'decentral', 'shop-team', 'printer', 'prn'],
  ['scanner', 'Scanners', 'decentral', 'shop-team', 'printer', 'scn'],
  ['office-suite', 'Office suite', 'decentral', 'service-desk', 'software', 'pc'],
  ['mail-client', 'E-mail program', 'decentral', 'service-desk', 'software', 'pc'],
  ['antivirus', 'Endpoint protection', 'decentral', 'security-team', 'software', 'pc'],
  ['accounting-client', 'Accounting software', 'decentral', 'service-desk', 'software', 'pc'],
];

const SERVICES: Service[] = SERVICE_DEFS.map(([id, name, group, owner, category, ci]) => ({
  id,
  name,
  group,
  owner,
  category,
  ci,
  description:
    group === 'central'
      ? `${name} operated centrally for all customers, monitored around the clock.`
      : `${name} at the customer sites, supported by the shop staff during opening hours.`,
}));
const CENTRAL = SERVICES.filter((s) => s.group === 'central');
const DECENTRAL = SERVICES.filter((s) => s.group === 'decentral');

const FIRST_NAMES = [
  'Anna',
  'Jonas',
  'Lena',
  'Lukas',
  'Marie',
  'Felix',
  'Sophie',
  'Paul',
  'Laura',
  'Maximilian',
  'Julia',
  'Leon',
  'Hannah',
  'Tobias',
  'Katharina',
  'Stefan',
  'Sabine',
  'Thomas',
  'Petra',
  'Michael',
  'Erik',
  'Astrid',
  'Lars',
  'Ingrid',
  'Sven',
  'Olga',
  'Dmitri',
  'Natalia',
  'Sergei',
  'Irina',
  'Agnes',
  'Bernd',
];
const LAST_NAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Werner',
  'Krause',
  'Lehmann',
  'Köhler',
  'Andersson',
  'Lindqvist',
  'Nyström',
  'Iwanow',
  'Petrowa',
  'Sokolow',
  'Bauer',
  'Vogel',
  'Frank',
  'Berger',
  'Huber',
  'Maier',
];
const COMPANY_PATTERNS = [
  '{L} GmbH',
  '{L} & Partner',
  '{L} KG',
  'Praxis Dr. {L}',
  'Kanzlei {L}',
  'Steuerbüro {L}',
  'Autohaus {L}',
  'Bäckerei {L}',
  '{L} Logistik GmbH',
  'Hotel {L}hof',
  '{L} & Söhne',
  'Architekturbüro {L}',
  'Ingenieurbüro {L}',
  'Apotheke am {L}platz',
  '{L} Metallbau',
  '{L} Immobilien',
  '{L} AB',
  '{L} Elektro',
];

function asciiSlug(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/å/g, 'a')
    .replace(/é/g, 'e')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface Customer {
  id: string;
  name: string;
  contract: 'maintenance' | 'none';
  contact: string;
}

interface Staff {
  handle: string;
  name: string;
  team: string;
}

function makeCustomers(n: number): Customer[] {
  const seen = new Set<string>();
  const out: Customer[] = [];
  while (out.length < n) {
    const name = pick(COMPANY_PATTERNS).replace('{L}', pick(LAST_NAMES));
    let id = asciiSlug(name);
    if (seen.has(id)) id = `${id}-${out.length + 1}`;
    seen.add(id);
    out.push({
      id,
      name,
      contract: chance(0.4) ? 'maintenance' : 'none',
      contact: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
    });
  }
  return out;
}

function makeStaff(): Staff[] {
  const out: Staff[] = [];
  const seen = new Set<string>();
  for (const [team] of TEAMS) {
    for (let i = 0; i < 6; i++) {
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      let handle = asciiSlug(`${first[0]}${last}`).replace(/-/g, '');
      if (seen.has(handle)) handle = `${handle}${out.length}`;
      seen.add(handle);
      out.push({ handle, name: `${first} ${last}`, team });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// opsbook.yaml
// ---------------------------------------------------------------------------------------------

const PRIORITY_MATRIX: Record<string, Record<string, string>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};

function configYaml(customers: readonly Customer[]): string {
  const holidayDates: string[] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR + 1; y++) holidayDates.push(`"${y}-12-24"`, `"${y}-12-31"`);
  const holidays = `{ country: DE, region: BY, dates: [${holidayDates.join(', ')}] }`;
  const weekdays = (range: string, days: readonly string[]): string =>
    days.map((d) => `${d}: [${range}]`).join(', ');
  const L: string[] = [];
  L.push('# Synthetic benchmark organisation, written by bench/generate.ts. Do not edit by hand.');
  L.push(
    'organization: { name: Example IT Benchmark, timezone: Europe/Berlin, locale: de, url: https://status.example-it.de }',
  );
  L.push('teams:');
  for (const [id, name] of TEAMS) L.push(`  ${id}: { name: ${yf(name)}, github: "@example-it/${id}" }`);
  L.push('services:');
  for (const s of SERVICES) {
    L.push(
      `  ${s.id}: { name: ${yf(s.name)}, group: ${s.group}, owner: ${s.owner}, description: ${yf(s.description)}, public: ${s.group === 'central'} }`,
    );
  }
  L.push('customers:');
  for (const c of customers) L.push(`  ${c.id}: { name: ${yf(c.name)}, contract: ${c.contract} }`);
  L.push('calendars:');
  L.push('  mon-fri:');
  L.push('    timezone: Europe/Berlin');
  L.push(`    hours: { ${weekdays('"08:00-17:00"', ['mon', 'tue', 'wed', 'thu', 'fri'])} }`);
  L.push(`    holidays: ${holidays}`);
  L.push('  mon-sat:');
  L.push('    timezone: Europe/Berlin');
  L.push(`    hours: { ${weekdays('"08:00-17:00"', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'])} }`);
  L.push(`    holidays: ${holidays}`);
  L.push('  shop:');
  L.push('    timezone: Europe/Berlin');
  L.push(
    `    hours: { ${weekdays('"09:00-12:30", "14:00-18:00"', ['mon', 'tue', 'wed', 'thu', 'fri'])}, sat: ["09:00-13:00"] }`,
  );
  L.push(`    holidays: ${holidays}`);
  L.push('  always: { timezone: UTC, hours: always }');
  L.push('priority:');
  L.push('  matrix:');
  for (const impact of ['high', 'medium', 'low']) {
    const row = PRIORITY_MATRIX[impact] as Record<string, string>;
    L.push(`    ${impact}: { high: ${row.high}, medium: ${row.medium}, low: ${row.low} }`);
  }
  const policy = (name: string, calendar: string, atRisk: number, targets: readonly string[]): void => {
    L.push(`    ${name}:`);
    L.push(`      calendar: ${calendar}`);
    L.push('      pause_statuses: [pending]');
    L.push(`      at_risk: ${atRisk}`);
    L.push('      targets:');
    targets.forEach((t, i) => {
      const [response, resolution] = t.split('/');
      L.push(`        P${i + 1}: { response: ${response}, resolution: ${resolution} }`);
    });
  };
  L.push('sla:');
  L.push('  policies:');
  policy('maintenance-contract', 'mon-fri', 0.75, ['1h/8h', '4h/2bd', '1bd/5bd', '1bd/10bd']);
  policy('no-contract-central', 'mon-sat', 0.8, ['1bd/3bd', '2bd/5bd', '3bd/10bd', '3bd/20bd']);
  policy('shop-decentral', 'shop', 0.8, ['2h/1bd', '4h/2bd', '1bd/5bd', '2bd/10bd']);
  policy('monitoring-24x7', 'always', 0.75, ['15m/4h', '30m/8h', '2h/24h', '8h/72h']);
  policy('best-effort', 'mon-fri', 0.9, ['2bd/10bd', '3bd/15bd', '5bd/20bd', '5bd/30bd']);
  L.push('  assign:');
  L.push('    - when: { customer_contract: maintenance, channel: monitoring, priority: [P1, P2] }');
  L.push('      policy: monitoring-24x7');
  L.push('    - when: { customer_contract: maintenance }');
  L.push('      policy: maintenance-contract');
  L.push('    - when: { service_group: decentral }');
  L.push('      policy: shop-decentral');
  L.push('    - when: { customer_contract: none, service_group: central, kind: [incident, problem] }');
  L.push('      policy: no-contract-central');
  L.push('  default: best-effort');
  return `${L.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

const SYMPTOMS: Record<Category, readonly string[]> = {
  server: [
    '{svc} is not reachable',
    '{svc} responds very slowly',
    '{svc} shows error 503 after the login',
    '{svc} did not come back after the nightly restart',
    'the services of {svc} crash repeatedly',
  ],
  network: [
    '{svc} is down at the main site',
    '{svc} drops connections every few minutes',
    '{svc} shows heavy packet loss',
    '{svc} cannot be reached from the branch office',
  ],
  storage: [
    '{svc} jobs fail with a write error',
    'the {svc} volume is almost full',
    '{svc} reports degraded disks',
    'the weekly {svc} restore test failed',
  ],
  account: [
    'users cannot log in through {svc}',
    'password changes in {svc} are not replicated',
    '{svc} locks accounts after a single failed attempt',
  ],
  workstation: [
    'one of the {svc} does not boot any more',
    'a device from {svc} shows a blue screen on start',
    'a device from {svc} is extremely slow since this morning',
    'a device from {svc} no longer connects to the network',
  ],
  software: [
    'the {svc} no longer starts after updates',
    'the {svc} crashes when opening attachments',
    'the {svc} reports an expired licence',
    'the {svc} cannot save documents to the network drive',
  ],
  printer: [
    'one of the {svc} prints blank pages',
    'the {svc} are offline for all users',
    'one of the {svc} jams on every job',
    'scans from the {svc} never arrive in the mailbox',
  ],
  telephony: [
    'incoming calls on {svc} do not ring',
    '{svc} calls have one-way audio',
    '{svc} handsets lose their registration',
  ],
};

const CHECKS = [
  'the event log shows repeated service restarts since 06:12',
  'CPU and memory look normal, disk latency is high',
  'the last successful backup ran two days ago',
  'ping works, the application port does not answer',
  'the same error appears for users at two sites',
  'no change was recorded for the affected system in the last week',
  'the vendor status page reports no known issue',
  'a reboot brought the service back for ten minutes only',
  'the monitoring graph shows the free space dropping steadily for months',
  'the update history lists a cumulative update installed at 03:00',
];

interface CauseText {
  cause: string;
  avoidable: boolean;
  explanation: string;
  resolution: string;
  prevention: string;
}

const CAUSES: readonly CauseText[] = [
  {
    cause: 'auto-update',
    avoidable: true,
    explanation:
      'the system installed updates by itself overnight and a required service did not start afterwards',
    resolution: 'rolled back the update, restarted the services and paused automatic updates for the system',
    prevention: 'Install updates manually after a backup and a check.',
  },
  {
    cause: 'resource-exhaustion',
    avoidable: true,
    explanation: 'the backup storage had run full over many months and the system ran out of disk space',
    resolution: 'freed space, moved old backup sets to archive storage and resumed the jobs',
    prevention: 'Monitor storage usage and alert at 80 percent.',
  },
  {
    cause: 'hardware',
    avoidable: false,
    explanation: 'a hardware component failed: the power supply of the device was defective',
    resolution: 'replaced the defective component from spare stock and tested the device',
    prevention: 'Keep spare parts on site and plan redundancy for critical devices.',
  },
  {
    cause: 'environment',
    avoidable: false,
    explanation: 'a burst water pipe flooded the technical room and destroyed the central components',
    resolution: 'set up replacement hardware and restored all systems from the offsite backup',
    prevention: 'Document disaster-recovery scenarios and monitor the technical room for water and heat.',
  },
  {
    cause: 'configuration',
    avoidable: true,
    explanation: 'a configuration change from the previous day did not match the production setup',
    resolution: 'reverted the configuration to the last known good state',
    prevention: 'Review configuration changes in pairs and keep a rollback plan with every change.',
  },
  {
    cause: 'software-bug',
    avoidable: false,
    explanation: 'a known defect in the vendor release caused the service to hang under load',
    resolution: 'applied the vendor hotfix and restarted the service in a maintenance window',
    prevention: 'Follow vendor advisories and test releases on a staging system first.',
  },
  {
    cause: 'third-party',
    avoidable: false,
    explanation: 'the upstream provider had an outage in its regional network',
    resolution: 'escalated to the provider and switched traffic to the backup line until it was fixed',
    prevention: 'Contract a second uplink with another provider.',
  },
  {
    cause: 'human-error',
    avoidable: true,
    explanation: 'an operator removed the wrong share while cleaning up old data',
    resolution: 'restored the share and its permissions from the last backup',
    prevention: 'Apply the four-eyes principle to destructive operations.',
  },
  {
    cause: 'power',
    avoidable: true,
    explanation: 'a short power outage exhausted the ageing UPS batteries',
    resolution: 'restored power, replaced the UPS batteries and checked every system',
    prevention: 'Replace UPS batteries on schedule and test the UPS twice a year.',
  },
  {
    cause: 'certificate-expiry',
    avoidable: true,
    explanation: 'the TLS certificate of the service had expired unnoticed',
    resolution: 'renewed the certificate and deployed it to all nodes',
    prevention: 'Automate certificate renewal and monitor expiry dates.',
  },
  {
    cause: 'capacity',
    avoidable: true,
    explanation: 'the load exceeded the planned capacity after new users were added',
    resolution: 'added CPU and memory to the virtual machine and rebalanced the load',
    prevention: 'Plan capacity every quarter against the user numbers.',
  },
  {
    cause: 'unknown',
    avoidable: false,
    explanation: 'the cause could not be determined; the logs end shortly before the failure',
    resolution: 'restarted the affected system and raised the log level for the next occurrence',
    prevention: 'Keep logs on a central server so that they survive a crash.',
  },
];
const CAUSE_WEIGHTS: readonly (readonly [CauseText, number])[] = CAUSES.map((c) => [
  c,
  c.cause === 'auto-update' ? 5 : c.cause === 'environment' ? 0.5 : c.cause === 'unknown' ? 1 : 2,
]);

const WENT_WELL = [
  'The customer reached us through the emergency form within minutes.',
  'Monitoring alerted the on-call engineer before the first customer called.',
  'The runbook was up to date and any colleague could follow it.',
  'The backup was complete and the restore worked on the first attempt.',
  'Status page updates kept the phone lines quiet.',
];
const WENT_WRONG = [
  'Nobody noticed the warning signs that were visible for weeks.',
  'The escalation contact was on leave and the deputy was not named.',
  'The restore took longer than planned because the media were offsite.',
  'The first analysis looked at the wrong system for an hour.',
  'Customers learned about the outage before the status page said anything.',
];
const LUCKY = [
  'The failure happened outside business hours.',
  'A spare device was available in the shop.',
  'The last full backup had finished just one hour before.',
  'The vendor engineer happened to be on site.',
];
const REQUEST_TEMPLATES: readonly (readonly [string, string])[] = [
  [
    'New user account for {person}',
    'Create an account, a mailbox and the usual group memberships for a new colleague.',
  ],
  [
    'Password reset for {person}',
    'The user forgot the password after the holidays and needs a reset with identity check.',
  ],
  [
    'Mailbox quota increase for {person}',
    'The mailbox is full; the customer asks for a larger quota instead of archiving.',
  ],
  [
    'Install accounting software on {ci}',
    'The new release of the accounting software is to be installed on one workstation.',
  ],
  ['VPN access for {person}', 'A colleague will work from home two days a week and needs VPN access.'],
  [
    'Shared folder for the accounting team',
    'Create a shared folder with read access for all and write access for accounting.',
  ],
  [
    'Consultation about the {svc} upgrade',
    'The customer wants advice on upgrading {svc} before the end of support.',
  ],
  ['New notebook for {person}', 'Order, set up and hand over a notebook with the standard software.'],
  [
    'Move {svc} to the new office',
    'The customer moves to a new office; {svc} must work there from the first day.',
  ],
  ['Printer setup in room {n}', 'A new network printer needs drivers on all workstations of the floor.'],
];
const PROBLEM_TEMPLATES = [
  'Recurring outage of {svc}',
  '{svc} fails after automatic updates',
  'Intermittent slowness of {svc}',
  'Backup storage for {svc} fills up unnoticed',
  'Repeated failures: {sym}',
];
const MAINTENANCE_TEMPLATES = [
  'Planned update of {svc}',
  'Firmware upgrade on {ci}',
  'Replace disks in {ci}',
  'Migration of {svc} to new hardware',
  'Certificate renewal for {svc}',
  'Quarterly patch window for {svc}',
];
const CHANNEL_PHRASE: Record<string, string> = {
  'web-form': 'Emergency form submitted',
  phone: 'Customer called the hotline',
  email: 'Report arrived by e-mail',
  chat: 'Reported in the support chat',
  'walk-in': 'Customer came to the shop',
  monitoring: 'Monitoring alert fired',
  social: 'Customer posted about the outage on social media',
};

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? k);
}
function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Tickets
// ---------------------------------------------------------------------------------------------

type Kind = 'incident' | 'service-request' | 'problem' | 'maintenance';
const PREFIX: Record<Kind, string> = {
  incident: 'INC',
  'service-request': 'REQ',
  problem: 'PRB',
  maintenance: 'MNT',
};
const ACK_STATUSES = new Set(['triaged', 'investigating', 'identified']);

interface Entry {
  at: number;
  status?: string;
  public?: string;
  note?: string;
  by?: string;
}

interface ServiceRef {
  id: string;
  effect?: string;
}

interface Ticket {
  id: string;
  year: number;
  kind: Kind;
  title: string;
  status: string;
  impact?: string;
  urgency?: string;
  priority?: string;
  services: ServiceRef[];
  ci?: string;
  customer?: string;
  channel: string;
  reportedBy: string;
  assignee: string;
  team: string;
  detected?: number;
  reported: number;
  acknowledged?: number;
  resolved?: number;
  closed?: number;
  scheduledFor?: number;
  scheduledUntil?: number;
  zulu: boolean;
  timeline: Entry[];
  duplicateOf?: string;
  problem?: string;
  related?: string[];
  causedByChange?: string;
  runbooks?: string[];
  category: string;
  cause?: string;
  avoidable?: boolean;
  prevention?: string;
  review?: { required: boolean; due: string; done: string | false; publish: boolean };
  actions?: { title: string; owner: string; due: string; done: string | false }[];
  crmId?: number;
  body: string;
}

/** Frontmatter times follow the timeline (the consistency rules). */
function deriveTimes(t: Ticket): void {
  let status = '';
  t.acknowledged = undefined;
  t.resolved = undefined;
  t.closed = undefined;
  for (const e of t.timeline) {
    if (!e.status) continue;
    status = e.status;
    if (t.acknowledged === undefined && ACK_STATUSES.has(e.status)) t.acknowledged = e.at;
    if (e.status === 'resolved' || e.status === 'completed') t.resolved = e.at;
    if (e.status === 'closed') t.closed = e.at;
  }
  t.status = status;
}

function renderTicket(t: Ticket): string {
  const time = t.zulu ? fmtZ : fmt;
  const L: string[] = ['---'];
  L.push(`id: ${t.id}`);
  L.push(`title: ${ys(t.title)}`);
  L.push(`kind: ${t.kind}`);
  L.push(`status: ${t.status}`);
  if (t.impact) L.push(`impact: ${t.impact}`);
  if (t.urgency) L.push(`urgency: ${t.urgency}`);
  if (t.priority) L.push(`priority: ${t.priority}`);
  L.push('services:');
  for (const s of t.services) {
    if (s.effect) L.push(`  - id: ${s.id}`, `    effect: ${s.effect}`);
    else L.push(`  - ${s.id}`);
  }
  if (t.ci) L.push(`ci: ${t.ci}`);
  if (t.customer) L.push(`customer: ${t.customer}`);
  L.push(`channel: ${t.channel}`);
  L.push(`reported_by: ${ys(t.reportedBy)}`);
  L.push(`assignee: ${t.assignee}`);
  L.push(`team: ${t.team}`);
  if (t.detected !== undefined) L.push(`detected_at: ${time(t.detected)}`);
  L.push(`reported_at: ${time(t.reported)}`);
  if (t.acknowledged !== undefined) L.push(`acknowledged_at: ${time(t.acknowledged)}`);
  if (t.resolved !== undefined) L.push(`resolved_at: ${time(t.resolved)}`);
  if (t.closed !== undefined) L.push(`closed_at: ${time(t.closed)}`);
  if (t.scheduledFor !== undefined) L.push(`scheduled_for: ${time(t.scheduledFor)}`);
  if (t.scheduledUntil !== undefined) L.push(`scheduled_until: ${time(t.scheduledUntil)}`);
  L.push('timeline:');
  for (const e of t.timeline) {
    L.push(`  - at: ${time(e.at)}`);
    if (e.status) L.push(`    status: ${e.status}`);
    if (e.public) L.push(`    public: ${ys(e.public)}`);
    if (e.note) L.push(`    note: ${ys(e.note)}`);
    if (e.by) L.push(`    by: ${e.by}`);
  }
  if (t.duplicateOf) L.push(`duplicate_of: ${t.duplicateOf}`);
  if (t.problem) L.push(`problem: ${t.problem}`);
  if (t.related && t.related.length > 0) L.push(`related: [${t.related.join(', ')}]`);
  if (t.causedByChange) L.push(`caused_by_change: ${ys(t.causedByChange)}`);
  if (t.runbooks && t.runbooks.length > 0) L.push(`runbooks: [${t.runbooks.join(', ')}]`);
  L.push(`category: ${t.category}`);
  if (t.cause) L.push(`cause: ${t.cause}`);
  if (t.avoidable !== undefined) L.push(`avoidable: ${t.avoidable}`);
  if (t.prevention) L.push(`prevention: ${ys(t.prevention)}`);
  if (t.review) {
    L.push('review:');
    L.push(`  required: ${t.review.required}`);
    L.push(`  due: ${t.review.due}`);
    L.push(`  done: ${t.review.done}`);
    L.push(`  publish: ${t.review.publish}`);
  }
  if (t.actions && t.actions.length > 0) {
    L.push('actions:');
    for (const a of t.actions) {
      L.push(
        `  - title: ${ys(a.title)}`,
        `    owner: ${a.owner}`,
        `    due: ${a.due}`,
        `    done: ${a.done}`,
      );
    }
  }
  if (t.crmId !== undefined) L.push(`x-crm-id: ${t.crmId}`);
  L.push('---');
  return `${L.join('\n')}\n${t.body}`;
}

interface Context {
  customers: Customer[];
  staff: Staff[];
  staffByTeam: Map<string, Staff[]>;
  runbooksByService: Map<string, string[]>;
  /** Recent ticket IDs by kind, oldest first, for references (every one of them exists). */
  recent: Record<Kind, string[]>;
  /** The latest problem for each service. */
  problemByService: Map<string, string>;
}

function remember(list: string[], id: string, max: number): void {
  list.push(id);
  if (list.length > max) list.shift();
}

/** Status path (without `new`) and typical gap in minutes between steps, by kind and priority. */
function statusPath(kind: Kind, finalOpen: boolean): string[] {
  if (kind === 'maintenance') return ['scheduled', 'in-progress', 'completed'];
  let path: string[];
  if (kind === 'service-request') {
    path = chance(0.5) ? ['triaged', 'pending', 'resolved', 'closed'] : ['triaged', 'resolved', 'closed'];
  } else if (kind === 'problem') {
    path = ['investigating', 'identified', 'resolved', 'closed'];
    if (chance(0.3)) path.splice(2, 0, 'pending');
  } else {
    path = weighted<string[]>([
      [['triaged', 'investigating', 'identified', 'monitoring', 'resolved', 'closed'], 3],
      [['investigating', 'identified', 'resolved', 'closed'], 4],
      [['triaged', 'investigating', 'pending', 'resolved', 'closed'], 2],
      [['investigating', 'resolved', 'closed'], 3],
      [['triaged', 'resolved'], 1],
    ]);
  }
  if (chance(0.04)) return chance(0.5) ? ['cancelled'] : ['triaged', 'cancelled'];
  if (finalOpen) {
    const openSteps = path.filter((s) => OPEN_STATUSES.has(s));
    // stop somewhere before resolution; an empty prefix leaves the ticket `new`
    return openSteps.slice(0, int(0, openSteps.length));
  }
  return path;
}

function gapMinutes(kind: Kind, priority: string): number {
  if (kind === 'problem') return int(600, 20_000);
  if (kind === 'service-request') return int(30, 3_000);
  switch (priority) {
    case 'P1':
      return int(5, 90);
    case 'P2':
      return int(15, 300);
    case 'P3':
      return int(30, 1_500);
    default:
      return int(60, 4_000);
  }
}

function makeTicket(
  ctx: Context,
  id: string,
  year: number,
  kind: Kind,
  reported: number,
  openP: number,
): Ticket {
  const central = kind === 'maintenance' || kind === 'problem' ? chance(0.9) : chance(0.65);
  const svc = pick(central ? CENTRAL : DECENTRAL);
  const team = svc.owner;
  const teamStaff = ctx.staffByTeam.get(team) as Staff[];
  const assignee = pick(teamStaff);
  const customer = kind !== 'problem' && chance(0.78) ? pick(ctx.customers) : undefined;
  const channel =
    kind === 'maintenance' || kind === 'problem'
      ? 'monitoring'
      : kind === 'service-request'
        ? weighted<string>([
            ['web-form', 3],
            ['email', 4],
            ['phone', 3],
            ['chat', 1],
          ])
        : central
          ? weighted<string>([
              ['web-form', 5],
              ['monitoring', 4],
              ['email', 3],
              ['phone', 3],
              ['chat', 1],
              ['social', 0.5],
            ])
          : weighted<string>([
              ['phone', 5],
              ['walk-in', 2],
              ['email', 2],
              ['web-form', 1],
              ['chat', 1],
            ]);
  const reporter =
    channel === 'monitoring' ? pick(ctx.staff).name : customer ? customer.contact : pick(ctx.staff).name;
  const ciName = `${svc.ci}-${String(int(1, 12)).padStart(2, '0')}`;
  const sym = fill(pick(SYMPTOMS[svc.category]), { svc: svc.name });
  const causeText = weighted(CAUSE_WEIGHTS);
  const person = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
  const vars = { svc: svc.name, ci: ciName, sym, person, n: String(int(100, 420)) };

  const t: Ticket = {
    id,
    year,
    kind,
    title: '',
    status: 'new',
    services: [{ id: svc.id }],
    channel,
    reportedBy: reporter,
    assignee: assignee.handle,
    team,
    reported,
    zulu: channel === 'monitoring' && chance(0.5),
    timeline: [],
    category: svc.category,
    body: '',
  };
  if (chance(0.3)) t.ci = ciName;
  if (customer) t.customer = customer.id;
  if (chance(0.03)) t.crmId = int(1000, 99_999);

  // classification
  let priority = 'P4';
  if (kind !== 'maintenance') {
    const impact =
      kind === 'service-request'
        ? weighted([
            ['medium', 1],
            ['low', 4],
          ] as const)
        : weighted([
            ['high', 2],
            ['medium', 4],
            ['low', 3],
          ] as const);
    const urgency =
      kind === 'problem'
        ? weighted([
            ['medium', 2],
            ['low', 3],
          ] as const)
        : weighted([
            ['high', 2],
            ['medium', 4],
            ['low', 3],
          ] as const);
    t.impact = impact;
    t.urgency = urgency;
    priority = (PRIORITY_MATRIX[impact] as Record<string, string>)[urgency] as string;
    if (chance(0.5)) t.priority = priority;
  }
  if (kind === 'incident' && chance(0.35)) {
    const other = pick(svc.group === 'central' ? CENTRAL : DECENTRAL);
    if (other.id !== svc.id) t.services.push({ id: other.id });
  }
  if (kind === 'incident' && svc.group === 'central' && chance(0.6)) {
    (t.services[0] as ServiceRef).effect =
      priority === 'P1' ? 'major_outage' : priority === 'P2' ? 'partial_outage' : 'degraded_performance';
  }

  // timeline
  const finalOpen = chance(openP);
  const by = (): string | undefined => (chance(0.4) ? assignee.handle : undefined);
  const entries: Entry[] = [];
  if (kind === 'maintenance') {
    t.title = fill(pick(MAINTENANCE_TEMPLATES), vars);
    t.category = 'maintenance';
    (t.services[0] as ServiceRef).effect = 'under_maintenance';
    const local = new Date(reported + berlinOffset(reported) * HOUR);
    const localYear = local.getUTCFullYear();
    const dayOfYear = Math.round(
      (Date.UTC(localYear, local.getUTCMonth(), local.getUTCDate()) - Date.UTC(localYear, 0, 1)) / DAY,
    );
    const windowStart = berlinInstant(localYear, dayOfYear + int(2, 14), pick([6, 18, 20, 22]), 0);
    const windowEnd = windowStart + int(1, 6) * HOUR;
    t.scheduledFor = windowStart;
    t.scheduledUntil = windowEnd;
    const when = `${localDate(windowStart)} from ${fmt(windowStart).slice(11, 16)} to ${fmt(windowEnd).slice(11, 16)}`;
    entries.push({
      at: reported,
      status: 'scheduled',
      public: `Scheduled maintenance of ${svc.name} on ${when}. Short interruptions are expected.`,
      note: `Change approved by ${team}. Customers informed by e-mail.`,
      by: assignee.handle,
    });
    if (chance(0.4)) {
      entries.push({
        at: Math.min(reported + int(1, 24) * HOUR, windowStart - HOUR),
        note: 'Reminder sent to the affected customers; backup verified before the window.',
      });
    }
    if (chance(0.04)) {
      entries.push({
        at: Math.min(reported + int(2, 30) * HOUR, windowStart - 30 * MINUTE),
        status: 'cancelled',
        public: 'The scheduled maintenance has been cancelled and will be rescheduled.',
        note: 'Vendor could not deliver the replacement parts in time.',
      });
    } else {
      entries.push({
        at: windowStart,
        status: 'in-progress',
        public: 'Scheduled maintenance is currently in progress.',
        note: `Started as planned on ${ciName}.`,
        by: by(),
      });
      entries.push({
        at: windowEnd,
        status: 'completed',
        public: 'The scheduled maintenance has been completed.',
        note: 'All checks green after the work.',
        by: by(),
      });
    }
  } else {
    const path = statusPath(kind, finalOpen);
    if (kind === 'incident') t.title = capital(sym);
    else if (kind === 'problem') t.title = fill(pick(PROBLEM_TEMPLATES), vars);
    else t.title = fill((pick(REQUEST_TEMPLATES) as readonly [string, string])[0], vars);
    const isIncident = kind === 'incident';
    entries.push({
      at: reported,
      status: 'new',
      public: isIncident ? `We are investigating reports that ${sym}.` : undefined,
      note: `${CHANNEL_PHRASE[channel]}; ${reporter} reported: ${sym}.`,
    });
    let at = reported;
    for (const status of path) {
      at += gapMinutes(kind, priority) * MINUTE;
      const e: Entry = { at, status, by: by() };
      switch (status) {
        case 'triaged':
          e.public = isIncident
            ? `The issue has been confirmed and assigned to our ${team} engineers.`
            : undefined;
          e.note = `Classified as ${svc.category}, ${priority}. Assigned to ${assignee.handle}.`;
          break;
        case 'investigating':
          e.public = isIncident ? 'Our engineers are investigating the cause.' : undefined;
          e.note = `Checked ${ciName}: ${pick(CHECKS)}.`;
          break;
        case 'identified':
          e.public = isIncident ? 'The cause has been identified and a fix is being implemented.' : undefined;
          e.note = `Cause: ${causeText.explanation}.`;
          break;
        case 'pending':
          e.public = isIncident ? 'We are waiting for feedback from the customer.' : undefined;
          e.note = `Asked ${reporter} to confirm a time slot for the on-site visit.`;
          break;
        case 'monitoring':
          e.public = isIncident ? 'A fix has been implemented and we are monitoring the results.' : undefined;
          e.note = `We ${causeText.resolution}.`;
          break;
        case 'resolved':
          e.public = isIncident ? 'This incident has been resolved.' : undefined;
          e.note = `Confirmed with ${reporter} that everything works again.`;
          break;
        case 'closed':
          e.note = 'Closed after confirmation, no further issues reported.';
          break;
        case 'cancelled':
          e.note = 'Cancelled: reported in error, the customer had a local problem only.';
          break;
      }
      if (chance(0.15) && entries.length < 5) {
        // a note-only entry between status changes
        entries.push({
          at: at - int(1, 4) * MINUTE,
          note: `Update from ${assignee.handle}: ${pick(CHECKS)}.`,
        });
      }
      entries.push(e);
    }
    if (entries.length < 2) {
      entries.push({
        at: reported + int(2, 30) * MINUTE,
        note: `Call-back attempted, ${reporter} not reachable.`,
      });
    }
  }
  // no entry after END; entries kept in order (the note-only insertions sit before their step)
  t.timeline = entries.filter((e) => e.at <= END).slice(0, 6);
  if (t.timeline.length < 2)
    t.timeline.push({ at: Math.min(reported + 5 * MINUTE, END), note: 'Ticket logged.' });
  t.timeline.sort((a, b) => a.at - b.at);
  deriveTimes(t);
  if (kind !== 'maintenance') {
    t.detected = channel === 'monitoring' ? reported - int(0, 3) * MINUTE : reported - int(2, 120) * MINUTE;
    if (chance(0.2)) t.detected = undefined;
  }

  // classification after the fact
  const done = t.status === 'resolved' || t.status === 'closed' || t.status === 'completed';
  if (
    (kind === 'incident' || kind === 'problem') &&
    (done || t.status === 'identified' || t.status === 'monitoring')
  ) {
    t.cause = causeText.cause;
    if (done) {
      t.avoidable = causeText.avoidable;
      if (causeText.avoidable) t.prevention = causeText.prevention;
    }
  }

  // references (all to tickets generated earlier)
  if (kind === 'incident') {
    const recentInc = ctx.recent.incident;
    if (recentInc.length > 0 && chance(0.05))
      t.duplicateOf = recentInc[recentInc.length - 1 - int(0, Math.min(20, recentInc.length - 1))];
    const prob = ctx.problemByService.get(svc.id);
    if (prob && chance(0.25)) t.problem = prob;
    if (recentInc.length > 3 && chance(0.1)) t.related = sample(recentInc.slice(-50), int(1, 2));
    if (ctx.recent.maintenance.length > 0 && chance(0.05)) t.causedByChange = pick(ctx.recent.maintenance);
    else if (causeText.cause === 'auto-update' && chance(0.2))
      t.causedByChange = 'Automatic Windows cumulative update';
  } else if (kind === 'problem') {
    if (ctx.recent.incident.length > 0) t.related = sample(ctx.recent.incident.slice(-100), int(1, 4));
  } else if (kind === 'service-request' && ctx.recent['service-request'].length > 0 && chance(0.05)) {
    t.related = [pick(ctx.recent['service-request'])];
  }
  const books = ctx.runbooksByService.get(svc.id);
  if (books && (kind === 'incident' || kind === 'maintenance') && chance(0.4))
    t.runbooks = sample(books, int(1, 2));

  // reviews and actions for major incidents
  if (
    kind === 'incident' &&
    (priority === 'P1' || priority === 'P2') &&
    t.resolved !== undefined &&
    chance(0.7)
  ) {
    const due = t.resolved + 7 * DAY;
    const doneAt = t.resolved + int(1, 10) * DAY;
    const reviewDone = doneAt <= END && (due < END - 30 * DAY || chance(0.5)) ? localDate(doneAt) : false;
    t.review = { required: true, due: localDate(due), done: reviewDone, publish: chance(0.4) };
    if (chance(0.7)) {
      t.actions = [];
      const n = int(1, 3);
      for (let i = 0; i < n; i++) {
        const actionDue = t.resolved + int(10, 60) * DAY;
        t.actions.push({
          title:
            i === 0
              ? causeText.prevention.replace(/\.$/, '')
              : pick([
                  'Update the runbook',
                  'Add a monitoring check',
                  'Train the shop staff on the procedure',
                  'Document the escalation contacts',
                ]),
          owner: pick(TEAMS)[0],
          due: localDate(actionDue),
          done: actionDue < END - 20 * DAY && chance(0.8) ? localDate(actionDue - int(0, 9) * DAY) : false,
        });
      }
    }
  }

  t.body = makeBody(t, svc, vars, causeText, done);
  return t;
}

function makeBody(
  t: Ticket,
  svc: Service,
  vars: Record<string, string>,
  c: CauseText,
  done: boolean,
): string {
  const P: string[] = [];
  const reporter = t.reportedBy;
  const customerPart = t.customer ? ` at customer \`${t.customer}\`` : '';
  if (t.kind === 'incident') {
    P.push('## Description');
    P.push(
      `${reporter}${customerPart} reported that ${vars.sym}. The problem was noticed at about ${fmt(t.detected ?? t.reported).slice(11, 16)} local time and affects ${t.impact === 'high' ? 'the whole company' : t.impact === 'medium' ? 'one department' : 'a single user'}. ${pick(['Work can continue with restrictions.', 'No workaround is known yet.', 'Users switched to the webmail as a workaround.', 'The team works on paper until the system is back.'])}`,
    );
    P.push(
      `First checks on \`${vars.ci}\`: ${pick(CHECKS)}; ${pick(CHECKS)}. The service belongs to the ${svc.group} services owned by ${svc.owner}.`,
    );
    if (done) {
      P.push('## Post-incident review');
      P.push(
        `### Summary\n\n${capital(vars.sym as string)}. The root cause: ${c.explanation}. We ${c.resolution}.`,
      );
      P.push(
        `### Impact\n\n${t.impact === 'high' ? 'All users' : 'Some users'} could not use ${svc.name} for ${Math.max(1, Math.round(((t.resolved ?? t.reported) - t.reported) / HOUR))} hours.`,
      );
      P.push(`### Root causes\n\n- ${capital(c.explanation)}.\n- ${pick(WENT_WRONG)}`);
      P.push(
        `### What went well\n\n- ${pick(WENT_WELL)}\n\n### What went wrong\n\n- ${pick(WENT_WRONG)}\n\n### Where we got lucky\n\n- ${pick(LUCKY)}`,
      );
    } else {
      P.push(
        `## Next steps\n\n1. Reproduce the error on a second device.\n2. ${pick(CHECKS).replace(/^./, (m) => m.toUpperCase())}.\n3. Update the customer by phone.`,
      );
    }
  } else if (t.kind === 'service-request') {
    const tpl = REQUEST_TEMPLATES.find(([title]) => fill(title, vars) === t.title);
    P.push('## Request');
    P.push(`${reporter}${customerPart} asks: ${fill(tpl ? tpl[1] : 'standard request.', vars)}`);
    P.push(
      `## Details\n\n- Requested by: ${reporter}\n- Preferred date: ${localDate(t.reported + int(1, 10) * DAY)}\n- Cost centre: ${int(1000, 9999)}\n- Approval: ${pick(['given by the managing director', 'not needed (standard change)', 'pending with the customer'])}`,
    );
    P.push(
      `## Fulfilment\n\nFollow the standard procedure for ${svc.name}: check the licence count, prepare the configuration, agree on an appointment and document the result in this ticket. ${pick(['Hand over with a short introduction.', 'Send the credentials by a separate channel.', 'Ask for confirmation by e-mail.'])}`,
    );
  } else if (t.kind === 'problem') {
    P.push('## Problem statement');
    P.push(
      `Several incidents for ${svc.name} show the same pattern: ${vars.sym}. Restarting helps for a while, but the failures return. We record this problem so that the root cause is removed instead of restarting things every time.`,
    );
    if (t.related && t.related.length > 0)
      P.push(`## Related incidents\n\n${t.related.map((r) => `- ${r}`).join('\n')}`);
    P.push(
      `## Analysis\n\n${capital(pick(CHECKS))}. ${capital(pick(CHECKS))}. Working assumption: ${c.explanation}.`,
    );
    P.push(
      `## Workaround\n\n${pick(['Restart the service and inform the customer.', 'Move the users to the standby system.', 'Free disk space by hand until the fix is in place.'])}\n\n## Permanent fix\n\n${c.prevention}`,
    );
  } else {
    P.push('## Scope');
    P.push(
      `${t.title} on \`${vars.ci}\`. ${pick(['The vendor recommends this release because of security fixes.', 'The hardware reached the end of its warranty.', 'Planned as part of the quarterly maintenance.'])}`,
    );
    P.push(
      `## Impact\n\n${svc.name} will be unavailable or slow for short periods during the window. Customers with a maintenance contract were informed at least three business days in advance.`,
    );
    P.push(
      '## Plan\n\n1. Verify the last backup and create a snapshot.\n2. Stop dependent services.\n3. Apply the change.\n4. Start the services and run the checks.\n5. Inform the customers and close the window.',
    );
    P.push(
      '## Rollback\n\nRevert to the snapshot taken in step 1 and restart the services. Decision point: 30 minutes before the end of the window.',
    );
  }
  return `\n${P.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Runbooks
// ---------------------------------------------------------------------------------------------

const RUNBOOK_SCENARIOS: readonly (readonly [string, string, string])[] = [
  [
    'auto-update-malfunction',
    'malfunctions after automatic updates',
    'installed updates by itself and no longer works correctly',
  ],
  ['disk-full', 'storage full', 'ran out of disk space and stopped writing data'],
  ['hardware-failure', 'hardware failure', 'suffered a hardware defect and is down'],
  ['restore-from-backup', 'restore from backup', 'lost data that must be restored from the backup'],
  ['site-loss', 'total loss of the site', 'was destroyed together with the technical room (fire, water)'],
  ['certificate-expiry', 'expired certificate', 'rejects connections because its certificate expired'],
  ['failover', 'failover to the standby system', 'must be switched to the standby system'],
  ['config-rollback', 'roll back a configuration change', 'broke after a configuration change'],
  ['ransomware', 'ransomware infection', 'was encrypted by malware'],
  ['power-outage', 'power outage', 'went down after a power outage'],
];

function makeRunbooks(
  count: number,
  staff: readonly Staff[],
): { files: [string, string][]; byService: Map<string, string[]> } {
  const files: [string, string][] = [];
  const byService = new Map<string, string[]>();
  for (let i = 0; i < count; i++) {
    const svc = SERVICES[i % SERVICES.length] as Service;
    const round = Math.floor(i / SERVICES.length);
    const [slug, titlePart, scenario] = RUNBOOK_SCENARIOS[round % RUNBOOK_SCENARIOS.length] as readonly [
      string,
      string,
      string,
    ];
    const suffix =
      round >= RUNBOOK_SCENARIOS.length ? `-${Math.floor(round / RUNBOOK_SCENARIOS.length) + 1}` : '';
    const id = `${svc.id}-${slug}${suffix}`;
    const services = [svc.id];
    if (chance(0.2)) {
      const other = pick(SERVICES);
      if (other.id !== svc.id) services.push(other.id);
    }
    const reviewed = Date.parse('2024-01-01T00:00:00Z') + int(0, 1050) * DAY;
    const contacts = sample(
      staff.filter((s) => s.team === svc.owner),
      int(1, 2),
    );
    const L: string[] = ['---'];
    L.push(`id: ${id}`);
    L.push(`title: ${ys(`${svc.name}: ${titlePart}`)}`);
    L.push(`services: [${services.join(', ')}]`);
    L.push(`scenario: ${ys(`${svc.name} ${scenario}.`)}`);
    L.push(`owner: ${svc.owner}`);
    L.push(`last_reviewed: ${new Date(reviewed).toISOString().slice(0, 10)}`);
    L.push(`review_every: ${pick(['90d', '180d', '365d', '6m', '1y'])}`);
    if (chance(0.7)) {
      L.push(`last_tested: ${new Date(reviewed - int(0, 400) * DAY).toISOString().slice(0, 10)}`);
      L.push(`test_every: ${pick(['180d', '365d', '1y'])}`);
    }
    L.push(`rto: ${pick(['30m', '1h', '4h', '8h', '1d'])}`);
    L.push(`rpo: ${pick(['15m', '1h', '24h', '1d'])}`);
    L.push('contacts:');
    for (const c of contacts) {
      L.push(`  - name: ${yf(c.name)}`);
      L.push(`    role: ${pick(['on-call engineer', 'service owner', 'deputy'])}`);
      L.push(`    phone: "+49 89 ${int(100000, 9999999)}"`);
      L.push(`    email: ${c.handle}@example-it.de`);
    }
    L.push(`audience: ${chance(0.1) ? 'public' : 'internal'}`);
    L.push('---');
    const body = [
      `## Prerequisites\n\n- Access to the admin console of ${svc.name} and to the password safe.\n- The latest backup report (check that the last run succeeded).\n- The contact list above; inform the service owner before you start.`,
      `## Steps\n\n1. Confirm the failure: ${svc.name} ${scenario}. Note the time in the ticket.\n2. Post a status update (\`investigating\`) so that customers know we are on it.\n3. Check the monitoring dashboard for disk, CPU and memory of the affected hosts.\n4. Stop the dependent services in the documented order.\n5. Apply the recovery: restore the last good state or switch to the standby system.\n6. Start the services again and watch the logs for five minutes.\n7. Record every action with its time in the ticket timeline.`,
      `## Verification\n\n- Log in as a test user and open a document.\n- Check that the monitoring is green for fifteen minutes.\n- Ask one customer to confirm that the service works.`,
      `## Rollback\n\nIf the recovery makes things worse, stop, restore the snapshot taken before step 4 and escalate to the service owner by phone. Never delete data during an incident.`,
    ];
    files.push([`runbooks/${svc.id}/${id}.md`, `${L.join('\n')}\n\n${body.join('\n\n')}\n`]);
    const list = byService.get(svc.id) ?? [];
    list.push(id);
    byService.set(svc.id, list);
  }
  return { files, byService };
}

// ---------------------------------------------------------------------------------------------
// Git
// ---------------------------------------------------------------------------------------------

function git(cwd: string, args: readonly string[], date: string, input?: string): string {
  return execFileSync(
    'git',
    // gc.auto=0: a commit of 100,000 new objects would start `git gc --auto` in the background,
    // which packed them while the first benchmarks ran and took one of two cores for a minute
    // (`sla --no-cache` at 100,000 tickets 5.3–5.8 s instead of 2.5 s). The data is packed below.
    ['-c', 'user.name=Opsbook Bench', '-c', 'user.email=bench@example.invalid', '-c', 'gc.auto=0', ...args],
    {
      cwd,
      input,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
}

/** Resolves a still-open incident consistently: a new timeline entry, status and times. */
function closeOut(t: Ticket): void {
  const last = (t.timeline[t.timeline.length - 1] as Entry).at;
  if (t.acknowledged === undefined) {
    t.timeline.push({
      at: last + 10 * MINUTE,
      status: 'investigating',
      note: 'Picked up on the feature branch.',
    });
  }
  t.timeline.push({
    at: last + 40 * MINUTE,
    status: 'resolved',
    public: 'This incident has been resolved.',
    note: 'Resolved in the benchmark feature branch.',
    by: t.assignee,
  });
  deriveTimes(t);
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function main(): void {
  const opts = parseOptions(process.argv.slice(2));
  rnd = mulberry32(opts.seed);
  const out = resolve(opts.out);
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!opts.force && !existsSync(join(out, 'opsbook.yaml'))) {
      usage(`${out} exists and does not look like a generated repository; use --force to replace it`);
    }
    const removeStart = performance.now();
    rmSync(out, { recursive: true, force: true });
    console.log(`removed the previous ${out} in ${((performance.now() - removeStart) / 1000).toFixed(1)} s`);
  }
  mkdirSync(out, { recursive: true });
  const started = performance.now();

  const customers = makeCustomers(300);
  const staff = makeStaff();
  const staffByTeam = new Map<string, Staff[]>();
  for (const s of staff) staffByTeam.set(s.team, [...(staffByTeam.get(s.team) ?? []), s]);
  writeFileSync(join(out, 'opsbook.yaml'), configYaml(customers));

  const runbooks = makeRunbooks(opts.runbooks, staff);
  const dirs = new Set<string>();
  let runbookBytes = 0;
  for (const [file, text] of runbooks.files) {
    const dir = join(out, file.slice(0, file.lastIndexOf('/')));
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(join(out, file), text);
    runbookBytes += Buffer.byteLength(text);
  }

  const ctx: Context = {
    customers,
    staff,
    staffByTeam,
    runbooksByService: runbooks.byService,
    recent: { incident: [], 'service-request': [], problem: [], maintenance: [] },
    problemByService: new Map(),
  };

  // tickets per year: growing volume, 2026 only until late November
  const years: number[] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) years.push(y);
  const yearWeight = [8, 9, 10, 11, 12, 14, 16, 15];
  const openByYear = [0.05, 0.05, 0.06, 0.07, 0.09, 0.14, 0.24, 0.4];
  const totalWeight = yearWeight.reduce((a, b) => a + b, 0);
  const perYear = yearWeight.map((w) => Math.floor((opts.tickets * w) / totalWeight));
  perYear[perYear.length - 1] =
    (perYear[perYear.length - 1] as number) + opts.tickets - perYear.reduce((a, b) => a + b, 0);

  const ticketFiles: string[] = [];
  const counts: Record<string, number> = {};
  const statusCounts: Record<string, number> = {};
  let ticketBytes = 0;
  let open = 0;
  const candidates: Ticket[] = [];
  years.forEach((year, yi) => {
    const n = perYear[yi] as number;
    if (n === 0) return;
    mkdirSync(join(out, 'incidents', String(year)), { recursive: true });
    const lastDay = year === LAST_YEAR ? Math.floor((END - Date.UTC(year, 0, 1)) / DAY) - 1 : 363;
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      // mostly business hours, some evenings and nights
      const hour = weighted([
        [int(7, 17), 8],
        [int(18, 22), 2],
        [int(1, 6), 1],
      ] as const);
      times.push(berlinInstant(year, int(0, lastDay), hour, int(0, 59)));
    }
    times.sort((a, b) => a - b);
    const seq: Record<Kind, number> = { incident: 0, 'service-request': 0, problem: 0, maintenance: 0 };
    for (const reported of times) {
      const kind = weighted<Kind>([
        ['incident', 70],
        ['service-request', 15],
        ['problem', 5],
        ['maintenance', 10],
      ]);
      seq[kind]++;
      const id = `${PREFIX[kind]}-${year}-${String(seq[kind]).padStart(4, '0')}`;
      const t = makeTicket(ctx, id, year, kind, Math.min(reported, END - 2 * HOUR), openByYear[yi] as number);
      const file = `incidents/${year}/${id}.md`;
      const text = renderTicket(t);
      writeFileSync(join(out, file), text);
      ticketFiles.push(file);
      ticketBytes += Buffer.byteLength(text);
      counts[kind] = (counts[kind] ?? 0) + 1;
      statusCounts[t.status] = (statusCounts[t.status] ?? 0) + 1;
      if (OPEN_STATUSES.has(t.status)) open++;
      if (kind === 'incident' && OPEN_STATUSES.has(t.status) && t.status !== 'pending') {
        candidates.push(t);
        if (candidates.length > 5) candidates.shift();
      }
      remember(ctx.recent[kind], id, 200);
      if (kind === 'problem') ctx.problemByService.set((t.services[0] as ServiceRef).id, id);
    }
  });
  const generated = performance.now();

  const total = opts.tickets;
  console.log(`wrote ${out}`);
  console.log(
    `  opsbook.yaml: ${SERVICES.length} services, ${customers.length} customers, 4 calendars, 5 SLA policies`,
  );
  console.log(`  runbooks: ${runbooks.files.length} files, ${(runbookBytes / 1024 / 1024).toFixed(1)} MB`);
  console.log(
    `  tickets: ${total} files (${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}), ${(ticketBytes / 1024 / 1024).toFixed(1)} MB, average ${Math.round(ticketBytes / total)} bytes`,
  );
  console.log(
    `  open: ${open} (${((open / total) * 100).toFixed(1)} %); statuses: ${Object.entries(statusCounts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(`  generated in ${((generated - started) / 1000).toFixed(1)} s`);

  if (opts.git) {
    const gitStart = performance.now();
    const date = '2026-11-22T18:00:00Z';
    git(out, ['init', '-q', '-b', 'main'], date);
    const commits = Math.min(opts.gitCommits, Math.max(1, ticketFiles.length));
    const chunk = Math.ceil(ticketFiles.length / commits);
    for (let c = 0; c < commits; c++) {
      const paths = ticketFiles.slice(c * chunk, (c + 1) * chunk);
      if (c === 0) paths.unshift('opsbook.yaml', ...runbooks.files.map(([file]) => file));
      if (paths.length === 0) continue;
      // update-index takes literal paths (`git add` with 100k pathspecs is quadratic)
      git(out, ['update-index', '--add', '--stdin'], date, `${paths.join('\n')}\n`);
      // commit dates step forward so that history benchmarks see a realistic order
      const commitDate =
        commits === 1
          ? date
          : new Date(
              Date.parse('2019-01-01T00:00:00Z') +
                ((END - Date.parse('2019-01-01T00:00:00Z')) * (c + 1)) / commits,
            ).toISOString();
      git(
        out,
        [
          'commit',
          '-q',
          '--no-verify',
          '-m',
          commits === 1 ? 'Benchmark data' : `Benchmark data ${c + 1}/${commits}`,
        ],
        commitDate,
      );
    }
    git(out, ['checkout', '-q', '-b', 'feature'], date);
    const changed: string[] = [];
    for (const t of candidates) {
      closeOut(t);
      const file = `incidents/${t.year}/${t.id}.md`;
      writeFileSync(join(out, file), renderTicket(t));
      changed.push(file);
    }
    if (changed.length > 0) {
      git(out, ['add', '--', ...changed], date);
      git(
        out,
        ['commit', '-q', '--no-verify', '-m', `Resolve ${changed.length} incidents`],
        '2026-11-22T19:00:00Z',
      );
    }
    // Packed now, as a real repository's history is, rather than by Git in the background later.
    git(out, ['repack', '-a', '-d', '-q'], date);
    const diff = git(out, ['diff', '--name-only', 'main...feature'], date).trim().split('\n').filter(Boolean);
    console.log(
      `  git: ${commits} commit(s) on main, branch feature (checked out) changes ${diff.length} tickets, in ${((performance.now() - gitStart) / 1000).toFixed(1)} s`,
    );
  }
  // The files just written go to the disk now, not while the first benchmark runs.
  execFileSync('sync');
  console.log(`  total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
