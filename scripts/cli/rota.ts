/**
 * `opsbook rota [--at ISO] [--format text|json]` and `opsbook rota --ics TEAM [--weeks N]`:
 * who is on duty for each team, and a team's duty as a calendar feed (docs/rota.md).
 */

import { resolve } from 'node:path';
import { type CalendarSpec, checkCalendar, compileCalendar } from '../derive/calendar/index.ts';
import { dutyAt, dutyBetween, localDateOf } from '../derive/rota.ts';
import { localIso, oneOf, parseAt, parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { findRepositoryRoot } from '../load/files.ts';
import { isoUtcMillis } from '../model/time.ts';
import type { OpsbookConfig, RotaTeam } from '../model/types.ts';
import { terminalCell } from '../present/escape.ts';
import { rotaIcs } from '../present/rota-ics.ts';
import { usableConfig } from './inputs.ts';

const rotaHelp = `Usage: opsbook rota [--at ISO] [--format text|json]
       opsbook rota --ics TEAM [--at ISO] [--weeks N]

Says who is on duty for each team in opsbook.yaml \`rota\` at an instant (default: now), and
who covers for whom. With --ics, prints the team's duty from the day of --at for N weeks as an
iCalendar feed (RFC 5545). \`opsbook validate\` reports gaps, overlaps and unknown people.

Options:
  --at ISO                the instant (default: now), with a UTC offset
  --format text|json      output format (default text)
  --ics TEAM              the team's iCalendar feed instead
  --weeks N               weeks in the feed, 1 to 53 (default 8)
  --root DIR              the repository
`;

function calendarOf(config: OpsbookConfig, teamId: string, team: RotaTeam) {
  const spec = config.calendars?.[team.calendar] as CalendarSpec | undefined;
  if (!spec || checkCalendar(spec).length > 0)
    throw new ExitError(
      `rota of "${teamId}": calendar "${team.calendar}" is missing or invalid (run opsbook validate)`,
    );
  return compileCalendar(spec);
}

export async function rotaCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags('rota', args, {
    at: { type: 'string' },
    format: { type: 'string' },
    ics: { type: 'string' },
    weeks: { type: 'string' },
    root: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(rotaHelp);
    return 0;
  }
  if (positionals.length > 0) throw new ExitError('opsbook rota takes no arguments (see --help)');
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const at = parseAt(values.at, io);
  const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
  const config = usableConfig(root, io, 'rota');
  const rota = config.rota ?? {};
  const people = config.people ?? {};
  const name = (id: string) => people[id]?.name ?? id;
  const teamName = (id: string) => config.teams?.[id]?.name ?? id;

  if (values.ics !== undefined) {
    const team = Object.hasOwn(rota, values.ics) ? rota[values.ics] : undefined;
    if (!team)
      throw new ExitError(
        `no rota for team "${values.ics}" (rotas: ${Object.keys(rota).join(', ') || 'none'})`,
      );
    const weeks = values.weeks === undefined ? 8 : Number(values.weeks);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 53)
      throw new ExitError(`--weeks must be a whole number from 1 to 53`);
    const cal = calendarOf(config, values.ics, team);
    const stretches = dutyBetween(team, cal, localDateOf(at, cal.timezone), weeks * 7);
    io.stdout.write(
      rotaIcs({ team: values.ics, teamName: teamName(values.ics), stretches, name, stampMs: at }),
    );
    return 0;
  }
  if (values.weeks !== undefined) throw new ExitError('--weeks goes with --ics');

  const teams = Object.entries(rota).map(([id, team]) => {
    const cal = calendarOf(config, id, team);
    return {
      team: id,
      calendar: team.calendar,
      on_duty: dutyAt(team, cal, at).map((s) => ({
        person: s.person,
        ...(s.absent ? { absent: s.absent } : {}),
        from: localIso(s.startMs, cal.timezone),
        until: localIso(s.endMs, cal.timezone),
      })),
    };
  });
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ at: isoUtcMillis(at), teams }, null, 2)}\n`);
    return 0;
  }
  const zone = config.organization.timezone;
  const lines = [`On duty at ${localIso(at, zone)}:`];
  if (teams.length === 0) lines.push('  no rota in opsbook.yaml');
  for (const t of teams) {
    const who = t.on_duty.map((d) => {
      const person = d.person === null ? 'NOBODY' : `${name(d.person)} (${d.person})`;
      const cover = d.absent
        ? `, ${d.person === null ? 'uncovered absence of' : 'covering'} ${name(d.absent)}`
        : '';
      return `${person}${cover}, ${d.from.slice(11, 16)} to ${d.until.slice(11, 16)}`;
    });
    lines.push(
      `  ${terminalCell(teamName(t.team), 40)}: ${terminalCell(who.join('; ') || 'nobody (outside the shifts)', 200)}`,
    );
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
