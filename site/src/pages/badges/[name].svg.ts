/**
 * Status badges: `/badges/status.svg` for the whole page and `/badges/<service>.svg` for each
 * service of the model (a service with the id `status` has no badge of its own: the overall
 * badge takes the name).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { statusBadge } from '../../../../scripts/present/site/badges.ts';
import { site } from '../../lib/model.ts';

export const getStaticPaths = (() => {
  const { model } = site();
  const locale = model.organization.locale;
  const overall = {
    params: { name: 'status' },
    props: { svg: statusBadge(model.organization.name, model.status.indicator, locale) },
  };
  const services = model.services
    .filter((service) => service.id !== 'status')
    .map((service) => ({
      params: { name: service.id },
      props: { svg: statusBadge(service.name, service.status, locale) },
    }));
  return [overall, ...services];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.svg as string, { headers: { 'content-type': 'image/svg+xml; charset=utf-8' } });
