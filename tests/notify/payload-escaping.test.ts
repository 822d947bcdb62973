import { describe, expect, it } from 'vitest';
import type { NotifyMessage } from '../../scripts/derive/notify/message.ts';
import { discordPayload, slackPayload, teamsPayload } from '../../scripts/present/notify/chat.ts';
import { mailContent } from '../../scripts/present/notify/mail.ts';

const HOSTILE = 'Hi @here <@123456> **pwned** [x](https://evil.example) <b>\u0007bell';

const message: NotifyMessage = {
  eventId: 'INC-2026-0009:1@2026-11-23T09:00:00Z:update',
  type: 'update',
  audience: 'internal',
  ticketId: 'INC-2026-0009',
  title: `@everyone ${HOSTILE}`,
  kind: 'incident',
  status: 'investigating',
  at: '2026-11-23T09:00:00Z',
  headline: 'Update',
  publicText: HOSTILE,
  note: HOSTILE,
  by: '@channel',
  effects: [],
  facts: [['Customer', HOSTILE]],
  url: null,
  window: null,
};

describe('notification payloads', () => {
  it('Discord: Markdown and mentions escaped, mentions switched off', () => {
    const payload = discordPayload(message) as {
      embeds: { title: string; description: string; fields: { value: string }[] }[];
      allowed_mentions: { parse: string[] };
    };
    const text = JSON.stringify(payload);
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(text).not.toMatch(/@(everyone|here|channel)/);
    expect(payload.embeds[0]?.description).toContain('\\<@\u200D123456\\>');
    expect(payload.embeds[0]?.description).toContain('\\*\\*pwned\\*\\*');
    expect(payload.embeds[0]?.description).toContain('\\[x\\]\\(https://evil\\.example\\)');
    expect(text).not.toContain('\\u0007');
  });

  it('Slack and Teams: no markup or mention survives', () => {
    const payload = slackPayload(message) as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string }; elements?: { text: string }[] }[];
    };
    // Everything Slack parses as mrkdwn: the notification text, sections and context elements.
    const mrkdwn = [
      payload.text,
      ...payload.blocks.flatMap((b) => [
        ...(b.text?.type === 'mrkdwn' ? [b.text.text] : []),
        ...(b.elements ?? []).map((e) => e.text),
      ]),
    ].join('\n');
    expect(mrkdwn).not.toMatch(/@(everyone|here|channel)/);
    expect(mrkdwn).not.toMatch(/[<>]/);
    expect(mrkdwn).not.toContain('**pwned**');
    expect(mrkdwn).toContain('&lt;b&gt;');
    // The header is plain_text, which Slack never parses; it still notifies nobody.
    expect(payload.blocks[0]?.text).toMatchObject({ type: 'plain_text' });
    expect(JSON.stringify(payload)).not.toMatch(/@(everyone|here|channel)/);
    const teams = JSON.stringify(teamsPayload(message));
    expect(teams).not.toMatch(/@(everyone|here|channel)/);
    expect(teams).not.toContain('<b>');
    expect(teams).not.toContain('[x](');
  });

  it('mail: HTML-escaped HTML part, one-line subject', () => {
    const mail = mailContent({ ...message, title: 'Line one\r\nBcc: victim@example.com' }, 'Org');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toContain('&lt;b&gt;');
    expect(mail.html).not.toContain('<b>');
    expect(mail.text).toContain('<b>'); // plain text stays as written
    expect(mail.text).not.toContain('\u0007');
  });
});
