/**
 * One channel's part of `opsbook notify`: the events it wants, as its audience sees them,
 * rendered for its kind and delivered in order (or printed for --dry-run). When a delivery
 * finally fails, the channel stops there: later events would arrive before the one it missed,
 * and the next run sends them all (the sent-log has only what arrived).
 */

import type { TicketEvent } from '../derive/notify/events.ts';
import { messageFor, type NotifyMessage } from '../derive/notify/message.ts';
import { type Mail, postJson, type RetryPolicy, sendMail, withRetry } from '../lib/notify-delivery.ts';
import type { SentLog } from '../lib/notify-sent-log.ts';
import type { NotificationChannel } from '../model/schema-types.generated.ts';
import type { OpsbookConfig, Ticket } from '../model/types.ts';
import { discordPayload, slackPayload, teamsPayload } from '../present/notify/chat.ts';
import { mailContent } from '../present/notify/mail.ts';
import { statuspageComponentPayloads, statuspagePayload } from '../present/notify/statuspage-webhook.ts';

export interface ChannelContext {
  config: OpsbookConfig;
  publicServices: ReadonlySet<string>;
  env: NodeJS.ProcessEnv;
  log: SentLog;
  at: string;
  dryRun: boolean;
  retry: RetryPolicy;
  report: (line: string) => void;
  /** The person on duty for a team at the run's instant (internal channels name them). */
  onDuty?: (team: string) => { name: string } | null;
}

export interface ChannelResult {
  channel: string;
  failed: boolean;
  summary: string;
  /** --dry-run: what would be sent. */
  printed: string[];
}

type Outgoing = { kind: 'json'; payload: unknown } | { kind: 'mail'; mail: Mail };

function render(channel: NotificationChannel, m: NotifyMessage, t: Ticket, c: ChannelContext): Outgoing[] {
  const organization = c.config.organization.name;
  switch (channel.kind) {
    case 'slack':
      return [{ kind: 'json', payload: slackPayload(m) }];
    case 'teams':
      return [{ kind: 'json', payload: teamsPayload(m) }];
    case 'discord':
      return [{ kind: 'json', payload: discordPayload(m) }];
    case 'webhook': {
      const context = { organization, publicServices: c.publicServices };
      return [statuspagePayload(m, t, context), ...statuspageComponentPayloads(m, t, context)].map(
        (payload): Outgoing => ({ kind: 'json', payload }),
      );
    }
    case 'email': {
      const content = mailContent(m, organization);
      const host = (channel.from ?? '').match(/@([^>\s]+)/)?.[1] ?? 'opsbook.invalid';
      const local = encodeURIComponent(`${channel.id}.${m.eventId}`).replace(/%/g, '=');
      return [
        {
          kind: 'mail',
          mail: {
            from: channel.from ?? '',
            to: channel.to ?? [],
            ...content,
            messageId: `<${local}@${host}>`,
          },
        },
      ];
    }
  }
}

export async function notifyChannel(
  channel: NotificationChannel,
  events: readonly TicketEvent[],
  c: ChannelContext,
): Promise<ChannelResult> {
  const result: ChannelResult = { channel: channel.id, failed: false, summary: '', printed: [] };
  const due = events.flatMap((event) => {
    if (c.log.has(channel.id, event.id)) return [];
    // A Statuspage-style webhook speaks of incidents and maintenance, not of SLA clocks.
    if (channel.kind === 'webhook' && event.type.startsWith('sla-')) return [];
    const message = messageFor(event, channel, c.config, c.publicServices, c.onDuty);
    return message ? [{ event, message }] : [];
  });
  if (due.length === 0) {
    result.summary = 'nothing new';
    return result;
  }
  const secretName = channel.kind === 'email' ? channel.smtp_env : channel.url_env;
  const secret = secretName ? c.env[secretName] : undefined;
  if (!c.dryRun && !secret) {
    c.report(
      `${channel.id}: the environment variable ${secretName ?? '(none)'} is not set; ${due.length} event(s) not sent`,
    );
    return { ...result, failed: true, summary: `failed: ${secretName ?? 'its variable'} not set` };
  }
  let sent = 0;
  for (const { event, message } of due) {
    const outs = render(channel, message, event.ticket, c);
    if (c.dryRun) {
      for (const out of outs) {
        const body =
          out.kind === 'json' ? JSON.stringify(out.payload, null, 2) : JSON.stringify(out.mail, null, 2);
        result.printed.push(
          `--- ${channel.id} (${channel.kind}, ${channel.audience}) ${event.id}\n${body}\n`,
        );
      }
      continue;
    }
    let error: Error | null = null;
    for (const out of outs) {
      error = await withRetry(
        () =>
          out.kind === 'json'
            ? postJson(secret as string, out.payload)
            : sendMail(secret as string, out.mail),
        c.retry,
        (e, attempt, again) =>
          c.report(
            `${channel.id}: ${event.id}: try ${attempt} failed: ${e.message}${again ? '; retrying' : ''}`,
          ),
      );
      if (error) break;
    }
    if (error) {
      c.report(
        `${channel.id}: gave up after ${c.retry.attempts} tries; ${due.length - sent} event(s) not sent`,
      );
      return { ...result, failed: true, summary: `failed after ${sent} of ${due.length} sent` };
    }
    c.log.record(channel.id, event.id, c.at);
    sent++;
  }
  result.summary = c.dryRun ? `${due.length} would be sent` : `${sent} sent`;
  return result;
}
