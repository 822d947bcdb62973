/**
 * Every link and asset goes through here, so the site works under a base path (a GitHub Pages
 * project site such as `/opsbook/`). Paths are relative to the base, without a leading slash;
 * pages end with a slash (`trailingSlash: 'always'`).
 */
import { linksFor } from './links.ts';

/** This build's links (links.ts). */
export const links = linksFor(import.meta.env.BASE_URL || '/');
export const BASE = links.base;

/** The site-absolute URL of a path relative to the base: `href('incidents/')` → `/opsbook/incidents/`. */
export const href = links.href;
export const ticketHref = links.ticketHref;
export const runbookHref = links.runbookHref;

/** The path segment of a report's page: its period, `2026-10-01_2026-10-31`. */
export function reportSlug(report: { from: string; to: string }): string {
  return `${report.from}_${report.to}`;
}

export function reportHref(report: { from: string; to: string }): string {
  return href(`reports/${reportSlug(report)}/`);
}

/** Page `n` (1-based) of the incident archive. */
export function archiveHref(n: number): string {
  return n <= 1 ? href('incidents/') : href(`incidents/${n}/`);
}

/** The path of the current page relative to the base, for `aria-current` in the navigation. */
export function relativePath(pathname: string): string {
  return pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname.replace(/^\/+/, '');
}
