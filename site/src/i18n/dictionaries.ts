/**
 * The dictionaries and the translator of one language, with no tie to a build: the pages reach
 * them through index.ts (in the build's language), and the ticket pages that the integration
 * writes after Astro's build (site/integrations/ticket-pages.ts) use them directly.
 */
import type { SiteLocale } from '../../../scripts/model/site.ts';
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

export const publicDicts: Record<Lang, Record<string, string>> = { en, de, sv, ru };
export const fullDicts: Record<Lang, Record<string, string>> = {
  en: { ...en, ...enInternal },
  de: { ...de, ...deInternal },
  sv: { ...sv, ...svInternal },
  ru: { ...ru, ...ruInternal },
};

/** The language of an organisation's locale: one the site has, else English. */
export function langOf(locale: string): Lang {
  return LANGUAGES.find((l) => l.lang === locale)?.lang ?? 'en';
}

/** The BCP 47 tag used with Intl for a language (English dates as "13 Jun 2026"). */
export function intlLocaleOf(lang: Lang): string {
  return LANGUAGES.find((l) => l.lang === lang)?.intl ?? lang;
}

export interface Translator {
  /** The text of `key`, `{0}`, `{1}` replaced by `args`. */
  t(key: Key, ...args: (string | number)[]): string;
  /** `t` for keys built from data (a status, a kind); unknown keys fall back to `fallback`. */
  tDynamic(key: string, fallback: string): string;
}

/** The texts of one language; a key it lacks falls back to English, then to the key itself. */
export function translator(lang: Lang): Translator {
  const dict = fullDicts[lang];
  const english = fullDicts.en;
  return {
    t(key, ...args) {
      let text = dict[key] ?? english[key] ?? key;
      for (let i = 0; i < args.length; i++) text = text.replaceAll(`{${i}}`, String(args[i]));
      return text;
    },
    tDynamic: (key, fallback) => dict[key] ?? english[key] ?? fallback,
  };
}
