/**
 * The site's links under a base path, with no tie to a build: the pages reach them through
 * paths.ts (the build's base), and the ticket pages that the integration writes after Astro's
 * build (site/integrations/ticket-pages.ts) directly.
 */
export interface Links {
  /** The base, with leading and trailing slash. */
  base: string;
  /** The site-absolute URL of a path relative to the base: `href('incidents/')` → `/opsbook/incidents/`. */
  href(path?: string): string;
  ticketHref(id: string): string;
  runbookHref(id: string): string;
}

export function linksFor(base: string): Links {
  const b = base.endsWith('/') ? base : `${base}/`;
  const href = (path = '') => b + path.replace(/^\/+/, '');
  return {
    base: b,
    href,
    ticketHref: (id) => href(`incidents/${encodeURIComponent(id)}/`),
    runbookHref: (id) => href(`runbooks/${encodeURIComponent(id)}/`),
  };
}
