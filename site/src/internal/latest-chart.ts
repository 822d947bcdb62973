/** Internal: the latest report's charts as files (`/reports/<chart>.svg`), where its links point. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { SiteReport } from '../lib/model.ts';
import { site } from '../lib/model.ts';

/** The charts with a plain file name, as route parameters (`tickets-per-month` for `.svg`). */
export function chartFiles(report: SiteReport): { chart: string; svg: string }[] {
  return report.charts
    .filter((c) => /^[A-Za-z0-9._-]+\.svg$/.test(c.file))
    .map((c) => ({ chart: c.file.slice(0, -4), svg: c.svg }));
}

export const getStaticPaths = (() => {
  const latest = site().latestReport;
  return latest ? chartFiles(latest).map(({ chart, svg }) => ({ params: { chart }, props: { svg } })) : [];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.svg as string, { headers: { 'content-type': 'image/svg+xml; charset=utf-8' } });
