/**
 * `opsbook notify --from REV --to REV [--dry-run] [--at ISO]`
 */

import { resolve } from 'node:path';
import type { TicketEvent } from '../derive/notify/events.ts';
import { rangeEvents } from '../derive/notify/range-events.ts';
import { scheduledEvents } from '../derive/notify/scheduled-events.ts';
import { onDutyAt } from '../derive/on-duty.ts';
import { publicServiceIds } from '../derive/status-page-outlook.ts';
import { changedTicketFiles, resolveCommit } from '../git/range-files.ts';
import { parseAt, parseFlags } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';
import { realSleep, type Sleep } from '../lib/notify-delivery.ts';
import { SentLog } from '../lib/notify-sent-log.ts';
import { findRepositoryRoot } from '../load/files.ts';
import { loadRepository } from '../load/repository.ts';
import { isoUtcMillis } from '../model/time.ts';
import { usableConfig } from './inputs.ts';
import { type ChannelResult, notifyChannel } from './notify-channel.ts';

const notifyHelp = `Usage: opsbook notify --from REV --to REV [options]

Sends what the commits from REV (exclusive) to REV brought to the tickets (new tickets,
timeline entries, effect changes, resolutions, maintenance start and end) to the channels in
\`notifications\` of opsbook.yaml: Slack, Teams, Discord, a Statuspage-style webhook, e-mail.
Public channels get only what the status page shows; internal ones also notes and internal facts.

   or: opsbook notify --scheduled [--window 15m] [--at ISO] [--dry-run]

With --scheduled it sends what happened by the clock in the window that ends at --at: a
maintenance window that began or ended (or began to overrun) without a status entry saying so,
and, to internal channels only, SLA clocks of open tickets that became at risk or breached.
Both ends of the window are computed and the window is aligned to multiples of its length
(UTC: with 15m, the window before 10:07 is 09:45–10:00), so a job on a regular schedule with the
same window (the sla workflow: every 15 minutes) sends each such event once without remembering
anything, even when GitHub starts it late. A slot that never runs loses its events.

Options:
  --from REV      the commit before the range (in CI: github.event.before)
  --to REV        the last commit of the range (in CI: github.sha)
  --scheduled     the clock's events instead of a commit range
  --window DUR    with --scheduled: the window's length, e.g. 15m, 1h (default 15m)
  --dry-run       print what would be sent; send nothing, record nothing
  --at ISO        the instant recorded in the sent-log (default: now)
  --root DIR      the repository (default: the folder with opsbook.yaml at or above the current one)

Each channel gets each event once: .opsbook-cache/notify-sent.json records what was sent.
A failing channel is tried up to 4 times with growing pauses (OPSBOOK_NOTIFY_RETRY_MS, default
2000, is the first pause) and does not stop the others.

Exit codes: 0 sent (or nothing to send), 1 a channel failed, 2 the command failed.
`;

const ZERO_COMMIT = /^0+$/;

function notifyCommandWith(deps: { sleep: Sleep }) {
  return async (args: string[], io: CommandIo): Promise<number> => {
    const { values } = parseFlags('notify', args, {
      from: { type: 'string' },
      to: { type: 'string' },
      'dry-run': { type: 'boolean' },
      scheduled: { type: 'boolean' },
      window: { type: 'string' },
      at: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(notifyHelp);
      return 0;
    }
    const scheduled = values.scheduled === true;
    if (scheduled && (values.from !== undefined || values.to !== undefined))
      throw new ExitError('--scheduled takes no --from/--to: it looks at the window before --at');
    if (!scheduled && (values.from === undefined || values.to === undefined)) {
      throw new ExitError('--from REV and --to REV are required, or --scheduled (see opsbook notify --help)');
    }
    const atMs = parseAt(values.at, io);
    const at = isoUtcMillis(atMs);
    const retryMs = Number(io.env.OPSBOOK_NOTIFY_RETRY_MS ?? 2000);
    if (!(retryMs >= 0)) throw new ExitError('OPSBOOK_NOTIFY_RETRY_MS must be a number of milliseconds');
    const root = findRepositoryRoot(values.root ? resolve(io.cwd, values.root) : io.cwd);
    const config = usableConfig(root, io, 'notify');
    let events: TicketEvent[];
    if (scheduled) {
      const windowMs = windowOf(values.window ?? '15m');
      // Windows are aligned to multiples of their length (UTC), so a late scheduled run still
      // looks at its own slot and two runs never look at one edge.
      const end = Math.floor(atMs / windowMs) * windowMs;
      const repo = loadRepository(root);
      events = scheduledEvents(
        repo.tickets.map((r) => r.data),
        config,
        end - windowMs,
        end,
      );
    } else {
      // The first push of a branch has no commit before it: there is nothing to compare with.
      if (ZERO_COMMIT.test(values.from as string)) {
        io.stdout.write(
          'notify: --from is the zero commit (a new branch); nothing to compare, nothing sent\n',
        );
        return 0;
      }
      const [from, to] = [
        await resolveCommit(root, values.from as string, 'from'),
        await resolveCommit(root, values.to as string, 'to'),
      ];
      const range = rangeEvents(await changedTicketFiles(root, from, to));
      for (const file of range.skipped) {
        io.stderr.write(`opsbook notify: ${file} skipped: it does not pass its schema (opsbook validate)\n`);
      }
      events = range.events;
    }
    const channels = config.notifications ?? [];
    if (channels.length === 0) {
      io.stdout.write(`notify: ${events.length} event(s), no channels in opsbook.yaml notifications\n`);
      return 0;
    }
    const log = new SentLog(root);
    const context = {
      config,
      publicServices: publicServiceIds(config),
      env: io.env,
      log,
      at,
      dryRun: values['dry-run'] === true,
      retry: { attempts: 4, baseDelayMs: retryMs, sleep: deps.sleep },
      report: (line: string) => io.stderr.write(`opsbook notify: ${line}\n`),
      onDuty: onDutyAt(config, atMs),
    };
    // Channels run side by side: one that waits between retries holds up no other.
    const results: ChannelResult[] = await Promise.all(
      channels.map((c) => notifyChannel(c, events, context)),
    );
    for (const r of results) {
      for (const line of r.printed) io.stdout.write(line);
      io.stdout.write(`${r.channel}: ${r.summary}\n`);
    }
    return results.some((r) => r.failed) ? 1 : 0;
  };
}

export const notifyCommand = notifyCommandWith({ sleep: realSleep });

/** `15m`, `1h`, `90s`, `2d` in milliseconds (1 minute to 7 days). */
function windowOf(text: string): number {
  const m = /^(\d+)(s|m|h|d)$/.exec(text);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const ms = m ? Number(m[1]) * unit[m[2] as keyof typeof unit] : Number.NaN;
  if (!(ms >= 60_000 && ms <= 7 * 86_400_000))
    throw new ExitError(`--window "${text}" must be a duration from 1m to 7d, like 15m or 1h`);
  return ms;
}
