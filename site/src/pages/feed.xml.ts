/** `/feed.xml`: the Atom feed of incidents and maintenance (scripts/present/site/feed.ts). */
import type { APIRoute } from 'astro';
import { atomFeed } from '../../../scripts/present/site/feed.ts';
import { site } from '../lib/model.ts';
import { BASE } from '../lib/paths.ts';
import { SITE_URL } from '../lib/urls.ts';

export const GET: APIRoute = () =>
  new Response(atomFeed(site().model, { siteUrl: SITE_URL, base: BASE }), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  });
