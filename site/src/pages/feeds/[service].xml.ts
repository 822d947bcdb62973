/** `/feeds/<service>.xml`: the Atom feed of one service's incidents and maintenance. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { atomFeed } from '../../../../scripts/present/site/feed.ts';
import { site } from '../../lib/model.ts';
import { BASE } from '../../lib/paths.ts';
import { SITE_URL } from '../../lib/urls.ts';

export const getStaticPaths = (() =>
  site().model.services.map((service) => ({
    params: { service: service.id },
    props: { service: { id: service.id, name: service.name } },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const service = props.service as { id: string; name: string };
  const body = atomFeed(site().model, {
    siteUrl: SITE_URL,
    base: BASE,
    path: `feeds/${service.id}.xml`,
    service,
  });
  return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
