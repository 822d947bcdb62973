/**
 * The site's only script (served as /opsbook.js, the dictionaries of the build's audience
 * prepended by site/src/pages/opsbook.js.ts). Pages are rendered once, in the organisation's
 * language; this switches the interface to the reader's language instead:
 *
 * - the language is the reader's choice (stored in localStorage), else the first of the
 *   browser's languages the site has, else the language the page was rendered in;
 * - `[data-i18n]` texts, `[data-i18n-label]` aria-labels and `[data-i18n-cell]` column names of
 *   stacked table cells are replaced from the dictionary (`data-i18n-args`: `|`-separated
 *   arguments for `{0}`, `{1}`);
 * - `<time datetime>` is re-rendered in that language, still in the organisation's time zone
 *   (update texts refer to its local times), `data.pct` numbers and the history bars' day texts
 *   likewise, with the server's Intl options (`intlOptions` of site/src/lib/format.ts);
 * - the switch (buttons with aria-pressed) becomes visible; it is hidden without this script.
 *
 * It also starts Pagefind's search UI where a page has `#search` (the runbooks page), in the
 * reader's language, and restarts it when the language changes.
 */
// biome-ignore lint/correctness/noUnusedVariables: called by the generated script around it
function opsbookI18n(dictionaries, options) {
  const root = document.documentElement;
  const rendered = root.lang;
  const STORAGE = 'opsbook.lang';
  const known = (lang) => Object.hasOwn(dictionaries, lang);
  const base = (tag) => String(tag).toLowerCase().split('-')[0];
  const browserTags = () => (navigator.languages?.length ? navigator.languages : [navigator.language || '']);

  function storedChoice() {
    try {
      return localStorage.getItem(STORAGE);
    } catch {
      return null;
    }
  }

  function preferred() {
    const stored = storedChoice();
    if (stored && known(stored)) return stored;
    for (const tag of browserTags()) if (known(base(tag))) return base(tag);
    return rendered;
  }

  /** The reader's own variant of the language when the browser has one (en-US, de-AT). */
  function intlTag(lang) {
    for (const tag of browserTags()) if (base(tag) === lang) return tag;
    return options.intl?.[lang] ?? lang;
  }

  function apply(lang) {
    const dict = dictionaries[lang];
    const fallback = dictionaries.en || {};
    const text = (key, args) => {
      let s = dict[key] ?? fallback[key];
      if (s == null) return null;
      if (args) for (const [i, a] of args.split('|').entries()) s = s.replaceAll(`{${i}}`, a);
      return s;
    };
    const tag = intlTag(lang);
    const instant = new Intl.DateTimeFormat(tag, options.instant);
    const day = new Intl.DateTimeFormat(tag, options.date);
    const month = new Intl.DateTimeFormat(tag, options.month);
    const percent = new Intl.NumberFormat(tag, options.percent);
    // Local dates and months are plain calendar values: read as UTC, shown in UTC.
    const dateOf = (value) =>
      new Date(
        value.length === 10 ? `${value}T00:00:00Z` : value.length === 7 ? `${value}-01T00:00:00Z` : value,
      );

    root.lang = lang;
    for (const el of document.querySelectorAll('[data-i18n]')) {
      const s = text(el.dataset.i18n, el.dataset.i18nArgs);
      if (s != null) el.textContent = s;
    }
    for (const el of document.querySelectorAll('[data-i18n-label]')) {
      const s = text(el.dataset.i18nLabel, el.dataset.i18nArgs);
      if (s != null) el.setAttribute('aria-label', s);
    }
    for (const el of document.querySelectorAll('[data-i18n-cell]')) {
      const s = text(el.dataset.i18nCell);
      if (s != null) el.dataset.label = s;
    }
    for (const el of document.querySelectorAll('time[datetime]')) {
      const value = el.getAttribute('datetime');
      const d = dateOf(value);
      const format = value.length === 10 ? day : value.length === 7 ? month : instant;
      if (!Number.isNaN(d.getTime())) el.textContent = format.format(d);
    }
    for (const el of document.querySelectorAll('data.pct'))
      el.textContent = percent.format(Number(el.value) / 100);
    for (const el of document.querySelectorAll('[data-day]')) {
      const [date, status, availability] = el.dataset.day.split('|');
      el.textContent = `${day.format(dateOf(date))}: ${text(`status.${status}`) ?? status}, ${percent.format(Number(availability) / 100)}`;
    }
    for (const button of document.querySelectorAll('[data-lang]'))
      button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
    startSearch();
  }

  const search = document.getElementById('search');
  let searchUI = null;
  /**
   * Pagefind's UI takes its own labels from <html lang> when it starts, so it (re)starts after
   * each switch of the language. Its index holds the pages in the language they were built in;
   * Pagefind takes that one when none matches the reader's language.
   */
  function startSearch() {
    if (!search || typeof window.PagefindUI !== 'function') return;
    searchUI?.destroy();
    search.textContent = '';
    searchUI = new window.PagefindUI({
      element: '#search',
      baseUrl: search.dataset.base || '/',
      showSubResults: true,
      showImages: false,
    });
  }
  if (search) {
    // Pagefind's field has only a placeholder; the section's heading names it.
    const label = () => search.querySelector('input')?.setAttribute('aria-labelledby', search.dataset.label);
    new MutationObserver(label).observe(search, { childList: true, subtree: true });
  }

  const switcher = document.querySelector('.lang');
  if (switcher) {
    switcher.hidden = false;
    switcher.addEventListener('click', (event) => {
      const button = event.target.closest('[data-lang]');
      if (!button || !known(button.dataset.lang)) return;
      try {
        localStorage.setItem(STORAGE, button.dataset.lang);
      } catch {
        // Private mode: the choice lasts for this page only.
      }
      apply(button.dataset.lang);
    });
  }

  const lang = preferred();
  if (lang !== rendered) apply(lang);
  else startSearch();
}
