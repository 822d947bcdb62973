/**
 * The e-mail of a notification: a one-line subject, a plain-text part and an HTML part in which
 * every piece of ticket text is HTML-escaped.
 */
import type { NotifyMessage } from '../../derive/notify/message.ts';
import { cut, htmlText, oneLine, plainText } from './escape.ts';
import { effectLines, statusLine, titleLine } from './lines.ts';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export function mailContent(m: NotifyMessage, organization: string): MailContent {
  const subject = cut(oneLine(`[${organization}] ${titleLine(m)}`), 200);
  const facts = m.facts.map(([k, v]) => `${k}: ${v}`);
  const text = [
    titleLine(m),
    statusLine(m),
    '',
    ...(m.publicText ? [m.publicText, ''] : []),
    ...(m.note ? [`Internal note${m.by ? ` (${m.by})` : ''}: ${m.note}`, ''] : []),
    ...effectLines(m),
    ...facts,
    ...(m.url ? ['', m.url] : []),
  ].join('\n');
  const p = (s: string) => `<p>${htmlText(s).replace(/\n/g, '<br>')}</p>`;
  const items = [...effectLines(m), ...facts];
  const html = [
    '<!doctype html><html><body>',
    `<h1 style="font-size:1.2em">${htmlText(oneLine(titleLine(m)))}</h1>`,
    `<p style="color:#555">${htmlText(statusLine(m))}</p>`,
    ...(m.publicText ? [p(m.publicText)] : []),
    ...(m.note
      ? [`<p><strong>Internal note${m.by ? ` (${htmlText(m.by)})` : ''}:</strong></p>`, p(m.note)]
      : []),
    ...(items.length > 0 ? [`<ul>${items.map((i) => `<li>${htmlText(i)}</li>`).join('')}</ul>`] : []),
    ...(m.url ? [`<p><a href="${htmlText(m.url)}">Status page</a></p>`] : []),
    '</body></html>',
  ].join('\n');
  return { subject, text: plainText(text), html };
}
