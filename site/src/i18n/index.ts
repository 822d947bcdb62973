/**
 * Interface strings: the page is rendered in the organisation's language (opsbook.yaml
 * `organization.locale`); every translatable text carries `data-i18n="key"` so the language
 * script can switch it in the reader's browser without a second copy of each page.
 */

import { site } from '../lib/model.ts';
import {
  fullDicts,
  intlLocaleOf,
  type Lang,
  langOf,
  publicDicts,
  type Translator,
  translator,
} from './dictionaries.ts';

export { type Key, LANGUAGES, type Lang } from './dictionaries.ts';

/** The language the pages are rendered in. */
export function pageLang(): Lang {
  return langOf(site().model.organization.locale);
}

/** The BCP 47 tag used with Intl for the page language (English dates as "13 Jun 2026"). */
export function intlLocale(lang: Lang = pageLang()): string {
  return intlLocaleOf(lang);
}

let current: Translator | null = null;

/** The texts of the page language. */
export function pageTranslator(): Translator {
  current ??= translator(pageLang());
  return current;
}

/** The text of `key` in the page language, `{0}`, `{1}` replaced by `args`. */
export const t: Translator['t'] = (key, ...args) => pageTranslator().t(key, ...args);

/** `t` for keys that are built from data (a status, a kind); unknown keys fall back to `fallback`. */
export const tDynamic: Translator['tDynamic'] = (key, fallback) => pageTranslator().tDynamic(key, fallback);

/** Whether a dictionary has the key (a service group without a translation shows its id). */
export function hasKey(key: string): boolean {
  return key in fullDicts.en;
}

/** The dictionaries the language script carries: the public build only the public strings. */
export function clientDictionaries(internal: boolean): Record<Lang, Record<string, string>> {
  return internal ? fullDicts : publicDicts;
}
