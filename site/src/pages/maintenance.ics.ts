/** `/maintenance.ics`: the iCalendar feed of scheduled maintenance (scripts/present/site/icalendar.ts). */
import type { APIRoute } from 'astro';
import { maintenanceCalendar } from '../../../scripts/present/site/icalendar.ts';
import { site } from '../lib/model.ts';
import { SITE_ROOT } from '../lib/urls.ts';

export const GET: APIRoute = () =>
  new Response(maintenanceCalendar(site().model, { root: SITE_ROOT }), {
    headers: { 'content-type': 'text/calendar; charset=utf-8' },
  });
