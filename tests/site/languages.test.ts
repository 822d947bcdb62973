/**
 * The four languages of the site: both builds of the canary fixture, rendered in English,
 * German, Swedish and Russian (`organization.locale`). No page mixes languages: every interface
 * text is the page language's, no distinctive interface text of another language appears
 * anywhere in a page, dates are in the page language with the time zone named, and the feed,
 * the standard updates and the runbook pages (the search index's source) follow suit.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_UPDATES } from '../../scripts/present/site/standard-updates.ts';
import { de, deInternal } from '../../site/src/i18n/de.ts';
import { en, enInternal } from '../../site/src/i18n/en.ts';
import { ru, ruInternal } from '../../site/src/i18n/ru.ts';
import { sv, svInternal } from '../../site/src/i18n/sv.ts';
import { copyFixture, runCli } from '../helpers/cli.ts';

const AT = '2026-11-10T09:00:00Z';
type Lang = 'en' | 'de' | 'sv' | 'ru';
const LANGS: Lang[] = ['en', 'de', 'sv', 'ru'];
const DICTS: Record<Lang, Record<string, string>> = {
  en: { ...en, ...enInternal },
  de: { ...de, ...deInternal },
  sv: { ...sv, ...svInternal },
  ru: { ...ru, ...ruInternal },
};
const INTL: Record<Lang, string> = { en: 'en-GB', de: 'de-DE', sv: 'sv-SE', ru: 'ru-RU' };

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(path));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * The visible text of a page in its own language: no scripts, styles or tags, and no part marked
 * with a `lang` of its own (the periodic report, written in English).
 */
const textOf = (html: string) =>
  decode(
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<(div|figure)\b[^>]*\slang="[^"]+"[^>]*>[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  );

/** Whether `text` holds `phrase` as whole words (so "Kategori" is not found in "Kategorie"). */
const holds = (text: string, phrase: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
    'u',
  ).test(text);

/**
 * Texts of `other` that `lang` never uses, distinctive enough to tell: a phrase or a capitalised
 * word of 8 letters or more (a single lower-case word such as "monitoring" may be data, e.g. a
 * ticket's channel).
 */
function foreignTexts(lang: Lang, other: Lang): string[] {
  const own = new Set(Object.values(DICTS[lang]));
  return Object.values(DICTS[other]).filter(
    (v) => v.length >= 8 && !v.includes('{') && !own.has(v) && (/\s/.test(v) || /^\p{Lu}/u.test(v)),
  );
}

describe.each(LANGS)('the site rendered in %s', (lang) => {
  let repo: { dir: string; cleanup: () => void };
  const pages = new Map<string, string>();
  let feed = '';

  beforeAll(async () => {
    repo = copyFixture('site-canary');
    const config = join(repo.dir, 'opsbook.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('locale: en', `locale: ${lang}`));
    // A second public update of the open incident, for the folded earlier updates on its card.
    const open = join(repo.dir, 'incidents/2026/INC-2026-0001.md');
    writeFileSync(
      open,
      readFileSync(open, 'utf8').replace(
        'related: [',
        '  - at: 2026-11-10T09:30:00+01:00\n    status: identified\n    public: Cause found PUBLIC-OK.\nrelated: [',
      ),
    );
    const out = join(repo.dir, 'out');
    const built = await runCli(['site', '--at', AT, '--out', out, '--no-history'], { cwd: repo.dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    for (const audience of ['public', 'internal']) {
      for (const file of htmlFiles(join(out, audience))) {
        pages.set(`${audience}/${relative(join(out, audience), file)}`, readFileSync(file, 'utf8'));
      }
    }
    feed = readFileSync(join(out, 'public', 'feed.xml'), 'utf8');
  }, 180_000);

  afterAll(() => repo?.cleanup());

  it('declares the language on every page', () => {
    expect(pages.size).toBeGreaterThan(8);
    for (const [file, html] of pages) expect(/<html lang="([^"]+)"/.exec(html)?.[1], file).toBe(lang);
  });

  it('renders every interface text in the page language', () => {
    let checked = 0;
    for (const [file, html] of pages) {
      for (const m of html.matchAll(/<[a-z0-9]+\b([^>]*)\sdata-i18n="([^"]+)"([^>]*)>([^<]*)</g)) {
        const [, before = '', key = '', after = '', text = ''] = m;
        if (`${before}${after}`.includes('data-i18n-args')) continue;
        expect(decode(text), `${file}: ${key}`).toBe(DICTS[lang][key]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('shows no interface text of another language on any page', () => {
    const found: string[] = [];
    for (const other of LANGS.filter((l) => l !== lang)) {
      const foreign = foreignTexts(lang, other);
      for (const [file, html] of pages) {
        const text = textOf(html);
        for (const f of foreign) if (holds(text, f)) found.push(`${file}: ${other} "${f}"`);
      }
    }
    expect(found).toEqual([]);
  });

  it('writes dates in the page language with the time zone named', () => {
    const instant = new Intl.DateTimeFormat(INTL[lang], {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Berlin',
      timeZoneName: 'short',
    });
    const home = pages.get('public/index.html') ?? '';
    const times = [...home.matchAll(/<time datetime="([^"]+Z)">([^<]*)<\/time>/g)];
    expect(times.length).toBeGreaterThan(1);
    for (const [, iso = '', text] of times) {
      expect(text).toBe(instant.format(Date.parse(iso)));
      expect(text).toMatch(/CET|MEZ|GMT\+1/);
    }
  });

  it('gives the feed its language, and the standard updates their sentences', () => {
    expect(feed).toContain(`xml:lang="${lang}"`);
    const sentences = Object.values(STANDARD_UPDATES[lang]);
    const told = [...pages.values()].filter((html) => html.includes('data-i18n="update.'));
    expect(told.length).toBeGreaterThan(0);
    for (const html of told) expect(sentences.some((s) => html.includes(s))).toBe(true);
  });

  it('keeps the labels of a runbook page out of the search index, its values apart as words', () => {
    const runbook = pages.get('internal/runbooks/canary-runbook/index.html') ?? '';
    expect(runbook).toContain('data-pagefind-body');
    const facts = /<dl class="facts">([\s\S]*?)<\/dl>/.exec(runbook)?.[1] ?? '';
    expect(facts).not.toBe('');
    for (const dt of facts.matchAll(/<dt\b[^>]*>/g)) expect(dt[0]).toContain('data-pagefind-ignore');
    // Pagefind reads text, not layout: without a space "Workstations" and the next value join.
    expect(facts).not.toMatch(/<\/dd><d[dt]\b/);
  });

  it('opens the latest update of a card on the status page and folds the earlier ones', () => {
    const home = pages.get('public/index.html') ?? '';
    const card = /<li class="card">([\s\S]*?)<\/article><\/li>/.exec(home)?.[1] ?? '';
    expect(card).toContain('Cause found PUBLIC-OK.');
    const folded = /<details class="earlier">([\s\S]*?)<\/details>/.exec(card)?.[1] ?? '';
    expect(folded).toContain('First update PUBLIC-OK.');
    expect(folded).not.toContain('Cause found PUBLIC-OK.');
    expect(folded).toContain(DICTS[lang]['ticket.earlier']?.replace('{0}', '1'));
    // The ticket's own page shows every update open.
    const page = pages.get('public/incidents/INC-2026-0001/index.html') ?? '';
    expect(page).not.toContain('<details');
  });

  it('lists the past 14 days on the status page, saying so for a day without incidents', () => {
    const home = textOf(pages.get('public/index.html') ?? '');
    const past = home.slice(home.indexOf(DICTS[lang]['home.past'] ?? '?'));
    const none = DICTS[lang]['home.pastNone'] ?? '?';
    expect(past.split(none).length - 1).toBeGreaterThan(8);
    expect(past).toContain('Mail delivery delayed PUBLIC-OK');
  });

  it('groups the archive by month and counts with a space after the dot', () => {
    const archive = pages.get('public/incidents/index.html') ?? '';
    expect(archive).toMatch(
      /<h2 id="month-2026-11" class="month"><time datetime="2026-11">[^<]+<\/time><\/h2>/,
    );
    const count = DICTS[lang]['archive.count']?.replace('{0}', '3') ?? '?';
    expect(archive).toMatch(
      new RegExp(`</span> · <span data-i18n="archive.count" data-i18n-args="3">${count}<`),
    );
  });
});
