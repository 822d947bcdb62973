/**
 * Checks of `rota` and `people` in opsbook.yaml (docs/rota.md): references to people, teams and
 * calendars, shifts that end before they start or overlap, and open hours of the coming weeks
 * with nobody on duty. Gaps depend on the day of the check, so they are looked for from `atMs`
 * on, a bounded number of weeks ahead.
 */
import { localIso } from '../lib/args.ts';
import type { RuleFinding } from '../load/rule-finding.ts';
import type { DocPath } from '../load/yaml.ts';
import type { OpsbookConfig } from '../model/types.ts';
import { type CalendarSpec, checkCalendar, compileCalendar, WEEKDAYS } from './calendar/index.ts';
import { CONFIG_FILE } from './config-rules.ts';
import { dutyGaps, localDateOf } from './rota.ts';

/** How far ahead `opsbook validate` looks for gaps. */
const ROTA_CHECK_WEEKS = 8;
/** Gap findings per team; a rota with a hole every day says so without a hundred lines. */
const MAX_GAPS = 5;

export function checkRota(config: OpsbookConfig, atMs: number, weeks = ROTA_CHECK_WEEKS): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const report = (severity: 'error' | 'warning', code: string, path: DocPath, message: string) =>
    findings.push({ file: CONFIG_FILE, code, severity, path, at: 'value', message });
  const people = config.people ?? {};
  const person = (id: string | undefined, path: DocPath) => {
    if (id !== undefined && !Object.hasOwn(people, id))
      report('error', 'rota/unknown-person', path, `"${id}" is not in people`);
  };
  for (const [teamId, team] of Object.entries(config.rota ?? {})) {
    if (config.teams && !Object.hasOwn(config.teams, teamId))
      report('warning', 'ref/team', ['rota', teamId], `"${teamId}" is not a team in teams`);
    for (const day of WEEKDAYS) {
      const spec = team.shifts[day];
      if (spec === undefined) continue;
      if (typeof spec === 'string') {
        person(spec, ['rota', teamId, 'shifts', day]);
        continue;
      }
      const ordered = spec.map((s, i) => ({ ...s, i })).sort((a, b) => a.from.localeCompare(b.from));
      spec.forEach((s, i) => {
        person(s.person, ['rota', teamId, 'shifts', day, i, 'person']);
        if (s.until <= s.from)
          report(
            'error',
            'rota/shift-range',
            ['rota', teamId, 'shifts', day, i, 'until'],
            `the shift ends at ${s.until}, not after its start ${s.from}`,
          );
      });
      for (let k = 1; k < ordered.length; k++) {
        const prev = ordered[k - 1];
        const next = ordered[k];
        if (prev && next && next.from < prev.until) {
          report(
            'warning',
            'rota/overlap',
            ['rota', teamId, 'shifts', day, next.i],
            `on ${day} ${next.person} (${next.from}-${next.until}) overlaps ${prev.person} (${prev.from}-${prev.until})`,
          );
        }
      }
    }
    (team.overrides ?? []).forEach((o, i) => {
      person(o.person, ['rota', teamId, 'overrides', i, 'person']);
      person(o.cover, ['rota', teamId, 'overrides', i, 'cover']);
      if (o.until < o.from)
        report(
          'error',
          'rota/override-range',
          ['rota', teamId, 'overrides', i, 'until'],
          `the absence ends (${o.until}) before it starts (${o.from})`,
        );
    });
    const spec = config.calendars?.[team.calendar];
    if (!spec) {
      report(
        'error',
        'config/unknown-calendar',
        ['rota', teamId, 'calendar'],
        `rota of "${teamId}" uses unknown calendar "${team.calendar}"`,
      );
      continue;
    }
    // A broken calendar has its own findings; gaps on it would be noise.
    if (checkCalendar(spec as CalendarSpec).length > 0) continue;
    const cal = compileCalendar(spec as CalendarSpec);
    const gaps = dutyGaps(team, cal, localDateOf(atMs, cal.timezone), weeks * 7).filter(
      ([, end]) => end > atMs,
    );
    for (const [start, end] of gaps.slice(0, MAX_GAPS)) {
      report(
        'warning',
        'rota/gap',
        ['rota', teamId],
        `nobody is on duty ${localIso(start, cal.timezone)} to ${localIso(end, cal.timezone)} while calendar ${team.calendar} is open`,
      );
    }
    if (gaps.length > MAX_GAPS)
      report(
        'warning',
        'rota/gap',
        ['rota', teamId],
        `and ${gaps.length - MAX_GAPS} more gaps in the next ${weeks} weeks (opsbook rota --ics ${teamId} shows them)`,
      );
  }
  return findings;
}
