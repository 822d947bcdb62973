/**
 * Interface strings: the page is rendered in the organisation's language (opsbook.yaml
 * `organization.locale`); every translatable text carries `data-i18n="key"` so the language
 * script can switch it in the reader's browser without a second copy of each page.
 */

import type { SiteLocale } from '../lib/model.ts';
import { site } from '../lib/model.ts';
import { de, deInternal } from './de.ts';
import { en, enInternal, type InternalMessageKey, type MessageKey } from './en.ts';
import { ru, ruInternal } from './ru.ts';
import { sv, svInternal } from './sv.ts';

export type Lang = SiteLocale;
export type Key = MessageKey | InternalMessageKey;

export const LANGUAGES: readonly { lang: Lang; name: string; intl: string }[] = [
  { lang: 'en', name: 'English', intl: 'en-GB' },
  { lang: 'de', name: 'Deutsch', intl: 'de-DE' },
  { lang: 'sv', name: 'Svenska', intl: 'sv-SE' },
  { lang: 'ru', name: 'Русский', intl: 'ru-RU' },
];

const publicDicts: Record<Lang, Record<string, string>> = { en, de, sv, ru };
const fullDicts: Record<Lang, Record<string, string>> = {
  en: { ...en, ...enInternal },
  de: { ...de, ...deInternal },
  sv: { ...sv, ...svInternal },
  ru: { ...ru, ...ruInternal },
};

/** The language the pages are rendered in. */
export function pageLang(): Lang {
  const locale = site().model.organization.locale;
  return LANGUAGES.some((l) => l.lang === locale) ? locale : 'en';
}

/** The BCP 47 tag used with Intl for the page language (English dates as "13 Jun 2026"). */
export function intlLocale(lang: Lang = pageLang()): string {
  return LANGUAGES.find((l) => l.lang === lang)?.intl ?? lang;
}

let current: Record<string, string> | null = null;

/** The text of `key` in the page language, `{0}`, `{1}` replaced by `args`. */
export function t(key: Key, ...args: (string | number)[]): string {
  current ??= fullDicts[pageLang()];
  let text = current[key] ?? fullDicts.en[key] ?? key;
  for (let i = 0; i < args.length; i++) text = text.replaceAll(`{${i}}`, String(args[i]));
  return text;
}

/** `t` for keys that are built from data (a status, a kind); unknown keys fall back to `fallback`. */
export function tDynamic(key: string, fallback: string): string {
  current ??= fullDicts[pageLang()];
  return current[key] ?? fullDicts.en[key] ?? fallback;
}

/** Whether a dictionary has the key (a service group without a translation shows its id). */
export function hasKey(key: string): boolean {
  return key in fullDicts.en;
}

/** The dictionaries the language script carries: the public build only the public strings. */
export function clientDictionaries(internal: boolean): Record<Lang, Record<string, string>> {
  return internal ? fullDicts : publicDicts;
}
