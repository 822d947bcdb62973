/**
 * The duplicate-suspicion facts of a busy service desk, shaped like a real export: thousands of
 * incidents on a few services over some weeks, mostly in office hours, titles from a handful of
 * ServiceNow-style templates, customers of very different sizes (a few large accounts, many
 * small ones) with their own staff as reporters. Deterministic for a seed (mulberry32).
 */
import { mulberry32 } from '../../bench/random.ts';
import type { DuplicateFacts } from '../../scripts/derive/duplicate-suspicion.ts';

export interface BusyDeskOptions {
  tickets: number;
  /** The first day (a Monday, 00:00 UTC), epoch ms. */
  from: number;
  weeks: number;
  seed: number;
}

const H = 3_600_000;
const DAY = 24 * H;

interface Area {
  service: string;
  share: number;
  category: string;
  subcategories: string[];
  objects: string[];
}

const AREAS: Area[] = [
  {
    service: 'email',
    share: 0.4,
    category: 'Software',
    subcategories: ['Email', 'Calendar', 'Mobile mail'],
    objects: [
      'Outlook',
      'Shared mailbox',
      'Calendar',
      'Distribution list',
      'Mail on iPhone',
      'Webmail',
      'Signature',
      'Out-of-office reply',
    ],
  },
  {
    service: 'erp',
    share: 0.25,
    category: 'Software',
    subcategories: ['ERP', 'Accounting', 'Warehouse'],
    objects: [
      'SAP GUI',
      'Invoice approval',
      'Goods receipt',
      'Stock report',
      'Purchase order',
      'Payroll export',
    ],
  },
  {
    service: 'network',
    share: 0.2,
    category: 'Network',
    subcategories: ['VPN', 'WLAN', 'Internet'],
    objects: ['VPN client', 'Guest WLAN', 'Office WLAN', 'Internet access', 'Proxy', 'Remote desktop'],
  },
  {
    service: 'workplace',
    share: 0.15,
    category: 'Hardware',
    subcategories: ['Laptop', 'Printer', 'Monitor', 'Docking station'],
    objects: ['Laptop', 'Printer', 'Second monitor', 'Docking station', 'Headset', 'Keyboard', 'Scanner'],
  },
];

const PROBLEMS = [
  'crashes on start',
  'does not open',
  'is very slow',
  'shows an error message',
  'cannot connect',
  'keeps asking for the password',
  'stopped working',
  'freezes after a few minutes',
  'not available',
  'access denied',
  'wrong data shown',
  'times out',
  'cannot be installed',
  'missing after the update',
  'sync fails',
];

const CONTEXTS = [
  '',
  '',
  '',
  'since this morning',
  'after the update',
  'for the whole team',
  'in home office',
  'when opening attachments',
  'on the new laptop',
  'again',
  'urgent',
  'since yesterday',
];

const TEMPLATES: ((c: string, s: string, o: string, p: string, x: string) => string)[] = [
  (c, s, o, p, x) => `Category: ${c} | Subcategory: ${s} | ServiceNow ticket: ${o} ${p} ${x}`,
  (c, s, o, p, x) => `Category: ${c} | Subcategory: ${s} | ServiceNow ticket: ${p} - ${o} ${x}`,
  (c, s, o, p, x) =>
    `ServiceNow ticket | Category: ${c} | Subcategory: ${s} | ${o}: ${p} (${x || 'user report'})`,
  (c, s, o, p, x) => `Category: ${c} | Subcategory: ${s} | ServiceNow ticket: User reports ${o} ${p} ${x}`,
];

const FIRST = [
  'Anna',
  'Jan',
  'Maria',
  'Thomas',
  'Julia',
  'Stefan',
  'Laura',
  'Michael',
  'Sarah',
  'Andreas',
  'Lena',
  'Peter',
  'Katrin',
  'Markus',
  'Sophie',
  'Daniel',
  'Nina',
  'Frank',
  'Eva',
  'Tobias',
];
const LAST = [
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
  'Neumann',
  'Schwarz',
  'Braun',
  'Zimmermann',
  'Krüger',
  'Hartmann',
];

export function busyDesk(options: BusyDeskOptions): DuplicateFacts[] {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  // 300 customers, Zipf-like: the largest has about a tenth of the tickets, most have a few.
  const customers = Array.from({ length: 300 }, (_, i) => ({
    id: `customer-${String(i + 1).padStart(3, '0')}`,
    weight: 1 / (i + 1) ** 0.9,
    staff: Array.from(
      { length: Math.max(2, Math.round(80 / (i + 1) ** 0.7)) },
      () => `${pick(FIRST)} ${pick(LAST)}`,
    ),
  }));
  const customerTotal = customers.reduce((sum, c) => sum + c.weight, 0);
  const pickCustomer = () => {
    let r = random() * customerTotal;
    for (const c of customers) {
      r -= c.weight;
      if (r <= 0) return c;
    }
    return customers[customers.length - 1] as (typeof customers)[number];
  };
  const pickArea = () => {
    let r = random();
    for (const a of AREAS) {
      r -= a.share;
      if (r <= 0) return a;
    }
    return AREAS[0] as Area;
  };
  // Mostly weekdays 07:00–17:00 UTC, some at any time (monitoring, night shifts).
  const pickStart = () => {
    for (;;) {
      const day = Math.floor(random() * options.weeks * 7);
      const officeHours = random() < 0.85;
      const weekday = day % 7 < 5;
      if (officeHours && !weekday) continue;
      const hour = officeHours ? 7 + random() * 10 : random() * 24;
      return options.from + day * DAY + Math.floor(hour * H);
    }
  };

  return Array.from({ length: options.tickets }, (_, i) => {
    const area = pickArea();
    const customer = pickCustomer();
    const title = pick(TEMPLATES)(
      area.category,
      pick(area.subcategories),
      pick(area.objects),
      pick(PROBLEMS),
      pick(CONTEXTS),
    )
      .replace(/\s+/g, ' ')
      .trim();
    const id = `INC-2026-${String(i + 1).padStart(5, '0')}`;
    return {
      id,
      file: `incidents/2026/${id}.md`,
      title,
      customer: customer.id,
      reporter: pick(customer.staff),
      services: [area.service],
      start: pickStart(),
      linked: [],
      excluded: false,
    };
  });
}
