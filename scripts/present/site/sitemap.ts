/**
 * The sitemap (sitemaps.org 0.9): one `<loc>` per page, duplicates removed, sorted by address so
 * the same pages give the same bytes.
 */
import { escapeXml } from '../escape.ts';

/**
 * `siteUrl` is the site's root address including any base path (`https://example.org/status/`);
 * `paths` are relative to it (a leading `/` is ignored). Characters that a URL cannot hold are
 * percent-encoded (existing `%XX` escapes are kept), then the addresses are XML-escaped.
 */
export function sitemapXml(siteUrl: string, paths: readonly string[]): string {
  const root = siteUrl.replace(/\/+$/, '');
  const urls = [...new Set(paths.map((path) => `${root}/${encodeUrlPath(path.replace(/^\/+/, ''))}`))].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((url) => `  <url><loc>${escapeXml(url)}</loc></url>`),
    '</urlset>',
    '',
  ].join('\n');
}

function encodeUrlPath(path: string): string {
  return path.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]/gu, (char) =>
    encodeURIComponent(char.isWellFormed() ? char : '\ufffd'),
  );
}
