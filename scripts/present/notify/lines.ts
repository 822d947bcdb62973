/**
 * The parts every channel shows, as plain (unescaped) text: the title line, the time, the effect
 * lines. Each renderer escapes them for its channel.
 */
import type { NotifyMessage } from '../../derive/notify/message.ts';

export function titleLine(m: NotifyMessage): string {
  return `${m.headline}: ${m.ticketId} ${m.title}`;
}

export function effectLines(m: NotifyMessage): string[] {
  const word = (e: string | null) => (e === null ? 'no effect' : e.replace(/_/g, ' '));
  return m.effects.map((e) => `${e.name}: ${word(e.before)} → ${word(e.after)}`);
}

/** "Status: identified · 2026-03-02T08:55:00+01:00", with the window for maintenance. */
export function statusLine(m: NotifyMessage): string {
  const window = m.window ? ` · window ${m.window.from} to ${m.window.until}` : '';
  return `Status: ${m.status} · ${m.at}${window}`;
}
