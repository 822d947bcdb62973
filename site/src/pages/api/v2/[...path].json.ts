/**
 * The Statuspage-compatible API (`/api/v2/summary.json` and its siblings), one static file per
 * document of scripts/present/site/statuspage.ts.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { htmlSafeJson } from '../../../../../scripts/present/escape.ts';
import { statuspageDocuments } from '../../../../../scripts/present/site/statuspage.ts';
import { site } from '../../../lib/model.ts';
import { PAGE_URL } from '../../../lib/urls.ts';

export const getStaticPaths = (() => {
  const documents = statuspageDocuments(site().model, { pageUrl: PAGE_URL });
  return [...documents].map(([path, document]) => ({
    params: { path: path.replace(/^api\/v2\//, '').replace(/\.json$/, '') },
    props: { document },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(htmlSafeJson(props.document), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
