/**
 * Who is on duty for a team at an instant, for the places that name a person rather than a team
 * (escalation issues): the rota's duty at `at`, with the person's GitHub login. Falls back to
 * nobody (the caller then names the team) when the team has no rota, its calendar is unusable,
 * the shift is uncovered or the person is not in `people`.
 */
import type { OpsbookConfig } from '../model/types.ts';
import {
  type BusinessCalendar,
  type CalendarSpec,
  checkCalendar,
  compileCalendar,
} from './calendar/index.ts';
import { dutyAt } from './rota.ts';

export interface OnDuty {
  id: string;
  name: string;
  /** The GitHub login, without the @. */
  github?: string;
}

export type OnDutyLookup = (team: string) => OnDuty | null;

/** The team responsible for a ticket: its `team`, else the owner of its first service, else null. */
export function ownerTeam(
  ticket: { readonly team?: string; readonly services?: readonly (string | { readonly id: string })[] },
  services: { readonly [id: string]: { readonly owner?: string } | undefined },
): string | null {
  if (ticket.team) return ticket.team;
  const first = ticket.services?.[0];
  const id = typeof first === 'string' ? first : first?.id;
  return id && Object.hasOwn(services, id) ? (services[id]?.owner ?? null) : null;
}

export function onDutyAt(
  config: Pick<OpsbookConfig, 'rota' | 'people' | 'calendars'>,
  at: number,
): OnDutyLookup {
  const calendars = new Map<string, BusinessCalendar | null>();
  const calendar = (id: string): BusinessCalendar | null => {
    if (!calendars.has(id)) {
      const spec = config.calendars?.[id] as CalendarSpec | undefined;
      calendars.set(id, spec && checkCalendar(spec).length === 0 ? compileCalendar(spec) : null);
    }
    return calendars.get(id) ?? null;
  };
  return (teamId) => {
    const team = config.rota && Object.hasOwn(config.rota, teamId) ? config.rota[teamId] : undefined;
    if (!team) return null;
    const cal = calendar(team.calendar);
    if (!cal) return null;
    const person = dutyAt(team, cal, at).find((s) => s.person !== null)?.person;
    if (!person || !config.people || !Object.hasOwn(config.people, person)) return null;
    const p = config.people[person];
    if (!p) return null;
    return { id: person, name: p.name, ...(p.github ? { github: p.github } : {}) };
  };
}
