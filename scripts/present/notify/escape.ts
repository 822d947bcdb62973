/**
 * Escaping of untrusted ticket text for each channel. Every channel gets the same first step:
 * no control characters (line breaks stay) and no mentions (`@everyone`, `@here`, `@name` get a
 * zero-width joiner after the `@`, so they read the same but notify nobody). Then each channel's
 * own markup is neutralised.
 */
import { breakMentions } from '../github-text.ts';

/** Control characters other than line feed and tab; CR LF becomes LF. */
export function plainText(text: string): string {
  return breakMentions(
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ''),
  );
}

/** One line: line breaks become spaces. */
export function oneLine(text: string): string {
  return plainText(text).replace(/\s+/g, ' ').trim();
}

/**
 * Slack mrkdwn (also Mattermost and Rocket.Chat): `&`, `<` and `>` are the only control
 * characters of its links and special mentions (`<!channel>`, `<@U123>`); formatting characters
 * are broken with a zero-width joiner so ticket text cannot make bold, code or quotes.
 */
export function slackText(text: string): string {
  return plainText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_~`])/g, '\u200D$1');
}

/**
 * Markdown of Discord and Teams: every character with a meaning gets a backslash, `<` and `>`
 * too (Discord's `<@id>` and `<#id>` mentions, Teams' `<at>`).
 */
export function markdownText(text: string): string {
  return plainText(text).replace(/([\\`*_~|>#\-+=[\](){}!.<])/g, '\\$1');
}

export function htmlText(text: string): string {
  return plainText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Text cut to `max` characters with an ellipsis (chat platforms reject longer fields). */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
