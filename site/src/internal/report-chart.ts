/** Internal: each report's charts as files (`/reports/<from>_<to>/<chart>.svg`). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { site } from '../lib/model.ts';
import { reportSlug } from '../lib/paths.ts';
import { chartFiles } from './latest-chart.ts';

export const getStaticPaths = (() =>
  site().reports.flatMap((report) =>
    chartFiles(report).map(({ chart, svg }) => ({
      params: { period: reportSlug(report), chart },
      props: { svg },
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.svg as string, { headers: { 'content-type': 'image/svg+xml; charset=utf-8' } });
