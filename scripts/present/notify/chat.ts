/**
 * Chat payloads: a Slack incoming webhook with Block Kit blocks (Mattermost and Rocket.Chat
 * accept it too), a Microsoft Teams workflow webhook with an Adaptive Card, and a Discord
 * webhook with an embed. Every piece of ticket text is escaped for its platform.
 */

import type { NotifyMessage } from '../../derive/notify/message.ts';
import { isoUtcMillisOf } from '../../model/time.ts';
import { cut, markdownText, oneLine, slackText } from './escape.ts';
import { effectLines, statusLine, titleLine } from './lines.ts';

/** Colours by event: red for new incidents, green for resolutions, blue for maintenance. */
function colour(m: NotifyMessage): number {
  if (m.type === 'resolved' || m.type === 'maintenance-completed') return 0x2e7d32;
  if (m.kind === 'maintenance') return 0x1565c0;
  return m.type === 'opened' ? 0xc62828 : 0xef6c00;
}

export function slackPayload(m: NotifyMessage): unknown {
  const text: string[] = [];
  if (m.publicText) text.push(slackText(m.publicText));
  if (m.note) text.push(`*Internal note${m.by ? ` (${slackText(m.by)})` : ''}:* ${slackText(m.note)}`);
  const effects = effectLines(m);
  if (effects.length > 0) text.push(effects.map((l) => `• ${slackText(l)}`).join('\n'));
  const context = [statusLine(m), ...m.facts.map(([k, v]) => `${k}: ${v}`)].map(slackText);
  if (m.url) context.push(`<${m.url}|Status page>`);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(oneLine(titleLine(m)), 150), emoji: false } },
  ];
  if (text.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(text.join('\n\n'), 3000) } });
  }
  blocks.push({
    type: 'context',
    elements: context.slice(0, 10).map((t) => ({ type: 'mrkdwn', text: cut(t, 3000) })),
  });
  return { text: slackText(oneLine(titleLine(m))), blocks, unfurl_links: false };
}

export function teamsPayload(m: NotifyMessage): unknown {
  const body: unknown[] = [
    {
      type: 'TextBlock',
      text: markdownText(oneLine(titleLine(m))),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
    },
    { type: 'TextBlock', text: markdownText(statusLine(m)), isSubtle: true, spacing: 'None', wrap: true },
  ];
  if (m.publicText) body.push({ type: 'TextBlock', text: markdownText(m.publicText), wrap: true });
  if (m.note) {
    body.push({
      type: 'TextBlock',
      text: `**Internal note${m.by ? ` (${markdownText(m.by)})` : ''}:** ${markdownText(m.note)}`,
      wrap: true,
    });
  }
  const facts = [...m.facts, ...effectLines(m).map((l): [string, string] => ['Effect', l])];
  if (facts.length > 0) {
    body.push({
      type: 'FactSet',
      facts: facts.map(([title, value]) => ({ title: markdownText(title), value: markdownText(value) })),
    });
  }
  const card: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
  };
  if (m.url) card.actions = [{ type: 'Action.OpenUrl', title: 'Status page', url: m.url }];
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}

export function discordPayload(m: NotifyMessage): unknown {
  const description: string[] = [];
  if (m.publicText) description.push(markdownText(m.publicText));
  if (m.note) {
    description.push(`**Internal note${m.by ? ` (${markdownText(m.by)})` : ''}:** ${markdownText(m.note)}`);
  }
  const fields = [
    { name: 'Status', value: markdownText(m.status), inline: true },
    ...m.facts.map(([name, value]) => ({
      name: markdownText(name),
      value: cut(markdownText(value), 1024),
      inline: true,
    })),
    ...effectLines(m).map((l) => ({ name: 'Effect', value: cut(markdownText(l), 1024), inline: false })),
  ];
  const embed: Record<string, unknown> = {
    title: cut(markdownText(oneLine(titleLine(m))), 256),
    description: cut(description.join('\n\n'), 4096),
    color: colour(m),
    fields: fields.slice(0, 25),
    timestamp: isoUtcMillisOf(m.at),
  };
  if (m.url) embed.url = m.url;
  // `parse: []`: Discord notifies no one, whatever the text says.
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}
