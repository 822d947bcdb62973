/**
 * The business calendars of the SLA policies, for what the SLA outputs show besides the clocks:
 * due times in the policy's zone and working time left (`opsbook sla`, the pull-request summary,
 * the escalation issues).
 */
import type { OpsbookConfig } from '../model/types.ts';
import { type BusinessSpan, businessSpan } from './business-span.ts';
import {
  type BusinessCalendar,
  compileCalendar,
  createCalendarCache,
  workingMsBetween,
} from './calendar/index.ts';

/** The calendars of the policies, for local due times and remaining working time. */
export interface PolicyCalendars {
  /** The policy's calendar zone, or null when it has no valid calendar. */
  zone(policy: string | null): string | null;
  /** Working milliseconds from `from` to `to` on the policy's calendar (negative when `to` < `from`). */
  workingMs(policy: string | null, from: number, to: number): number | null;
  /**
   * The working time between `from` and `to` (in either order) on the policy's calendar, in
   * whole business days and the working time left over (see business-span.ts).
   */
  businessSpan(policy: string | null, from: number, to: number): BusinessSpan | null;
}

/** For output without a configuration: no zones, no working time. */
export const NO_CALENDARS: PolicyCalendars = {
  zone: () => null,
  workingMs: () => null,
  businessSpan: () => null,
};

export function policyCalendars(config: OpsbookConfig): PolicyCalendars {
  const cache = createCalendarCache();
  const compiled = new Map<string, BusinessCalendar | null>();
  const calendarOf = (policy: string | null): BusinessCalendar | null => {
    if (policy === null) return null;
    const known = compiled.get(policy);
    if (known !== undefined) return known;
    let cal: BusinessCalendar | null = null;
    const calendarId = config.sla.policies?.[policy]?.calendar;
    const spec = calendarId && config.calendars ? config.calendars[calendarId] : undefined;
    if (spec) {
      try {
        cal = compileCalendar(spec as Parameters<typeof compileCalendar>[0], cache);
      } catch {
        cal = null;
      }
    }
    compiled.set(policy, cal);
    return cal;
  };
  const zoneOf = (policy: string | null): string | null => {
    if (policy === null || !calendarOf(policy)) return null;
    const calendarId = config.sla.policies?.[policy]?.calendar;
    return (calendarId && config.calendars?.[calendarId]?.timezone) || null;
  };
  return {
    zone: zoneOf,
    workingMs(policy, from, to) {
      const cal = calendarOf(policy);
      if (!cal) return null;
      return to >= from ? workingMsBetween(cal, from, to) : -workingMsBetween(cal, to, from);
    },
    businessSpan(policy, from, to) {
      const cal = calendarOf(policy);
      if (!cal) return null;
      return to >= from ? businessSpan(cal, from, to) : businessSpan(cal, to, from);
    },
  };
}
