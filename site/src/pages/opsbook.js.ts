/**
 * /opsbook.js: the language and date script with the dictionaries of this build's audience (the
 * public build carries no label of an internal page) and the server's Intl options of dates and
 * numbers, in the organisation's time zone.
 */
import type { APIRoute } from 'astro';
import source from '../client/i18n.js?raw';
import { clientDictionaries, LANGUAGES } from '../i18n/index.ts';
import { intlOptions } from '../lib/format.ts';
import { site } from '../lib/model.ts';

export const GET: APIRoute = () => {
  const data = site();
  const dictionaries = JSON.stringify(clientDictionaries(data.internal));
  const options = JSON.stringify({
    ...intlOptions(data.model.organization.timezone),
    // The regional variant used when the browser names none of the language (sv → sv-SE).
    intl: Object.fromEntries(LANGUAGES.map((l) => [l.lang, l.intl])),
  });
  // The source's documentation stays in the repository, not in every reader's download.
  const code = source.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '');
  const body = `${code}\nopsbookI18n(${dictionaries}, ${options});\n`;
  return new Response(body, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
};
