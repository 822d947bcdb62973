/** The site's public addresses, for documents that need absolute links (API, feed). */
import { siteRoot } from '../../../scripts/present/site/feed.ts';
import { BASE } from './paths.ts';

/** `https://status.example.com` (scheme and host from Astro's `site`, OPSBOOK_SITE_URL). */
export const SITE_URL = (import.meta.env.SITE || 'https://status.example.com').replace(/\/+$/, '');

/** The site's root address with the base path, ending in `/`. */
export const SITE_ROOT = siteRoot(SITE_URL, BASE);

/** The status page's address as Statuspage's `page.url` has it: the root without the last `/`. */
export const PAGE_URL = SITE_ROOT.replace(/\/$/, '');
