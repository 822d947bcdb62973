/**
 * The SLA engine must not depend on the process time zone: no Date local-time methods, no
 * Date constructor from local fields, no parsing of instants without an offset, no wall clock.
 * (The suite also runs under TZ=Pacific/Chatham, see package.json.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ENGINE = [
  'calendar/business-days.ts',
  'calendar/compile.ts',
  'calendar/day-table.ts',
  'calendar/holidays.ts',
  'calendar/index.ts',
  'calendar/spec.ts',
  'calendar/units.ts',
  'calendar/working-time.ts',
  '../model/zone-offsets.ts',
  '../model/time.ts',
  'duration.ts',
  'priority.ts',
  'sla-policy.ts',
  'sla-clock.ts',
  'sla-config.ts',
  'sla-status-spans.ts',
  'sla-working-clock.ts',
  'component-severity.ts',
  'service-history.ts',
  'service-status.ts',
  'status-timeline.ts',
  'ticket-phase.ts',
];
const FORBIDDEN = [
  /\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(/,
  /\.getTimezoneOffset\(/,
  /\.toLocale\w*\(/,
  /\.to(Date|Time)String\(/,
  /new Date\([^)]*,/, // new Date(y, m, d): local fields
  /Date\.now\(/,
  /new Date\(\)/,
];

describe('engine sources', () => {
  for (const file of ENGINE) {
    it(`${file} uses no local-time Date methods and no wall clock`, () => {
      const text = readFileSync(new URL(`../../scripts/derive/${file}`, import.meta.url), 'utf8');
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const pattern of FORBIDDEN) expect(code, `${file}: ${pattern}`).not.toMatch(pattern);
    });
  }
});
