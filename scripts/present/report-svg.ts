/**
 * The report's charts as standalone SVG: plain strings, drawn without a browser. Each chart has a
 * <title> and a <desc> that states its data in words (for screen readers and for anyone who
 * cannot see colours), uses the system font stack (no external fonts, no scripts, no links), adapts
 * to dark mode through a media query, and escapes every text it shows. Series differ by more
 * than colour (dash patterns, labels).
 */

import type { ClockFigures, MonthFigures, ReportData } from '../derive/report.ts';
import { TICKET_KINDS } from '../derive/report.ts';
import { escapeXml } from './escape.ts';

export interface Chart {
  /** File name next to the Markdown, e.g. `tickets-per-month.svg`. */
  file: string;
  /** Short text, used as the image's alternative text. */
  title: string;
  svg: string;
}

const WIDTH = 760;
const MARGIN = { left: 56, right: 20, top: 64, bottom: 44 };
const KIND_COLOR: Record<string, string> = {
  incident: '#cf222e',
  'service-request': '#0969da',
  problem: '#8250df',
  maintenance: '#9a6700',
};
const KIND_LABEL: Record<string, string> = {
  incident: 'incidents',
  'service-request': 'service requests',
  problem: 'problems',
  maintenance: 'maintenance',
};

const STYLE = `<style>
text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 12px; fill: #1f2328; }
.heading { font-size: 15px; font-weight: 600; }
.axis { stroke: #59636e; stroke-width: 1; }
.grid { stroke: #d1d9e0; stroke-width: 1; }
.muted { fill: #59636e; }
@media (prefers-color-scheme: dark) {
  text { fill: #e6edf3; }
  .axis { stroke: #9198a1; }
  .grid { stroke: #3d444d; }
  .muted { fill: #9198a1; }
}
</style>`;

/** A number for SVG coordinates: at most one decimal, no exponent. */
function n(value: number): string {
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

function open(id: string, height: number, title: string, desc: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${n(height)}" viewBox="0 0 ${WIDTH} ${n(height)}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    STYLE,
    `<text class="heading" x="${MARGIN.left}" y="22">${escapeXml(title)}</text>`,
  ].join('\n');
}

/** Up to about six round tick values from 0 to at least `max`; whole numbers only for counts. */
function niceTicks(max: number, integer = false): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? power * 10;
  if (integer) step = step <= 1 ? 1 : step === 2.5 * power && power < 10 ? 5 * power : Math.ceil(step);
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    const v = Math.round(i * step * 1e6) / 1e6;
    ticks.push(v);
    if (v >= max) break;
  }
  return ticks;
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function yAxis(ticks: readonly number[], top: number, height: number, unit: string): string {
  const max = ticks[ticks.length - 1] as number;
  const out: string[] = [];
  for (const t of ticks) {
    const y = top + height - (t / max) * height;
    out.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n(y)}" y2="${n(y)}"/>`,
      `<text class="muted" x="${MARGIN.left - 6}" y="${n(y + 4)}" text-anchor="end">${escapeXml(formatTick(t))}</text>`,
    );
  }
  out.push(
    `<text class="muted" x="12" y="${n(top + height / 2)}" transform="rotate(-90 12 ${n(top + height / 2)})" text-anchor="middle">${escapeXml(unit)}</text>`,
  );
  return out.join('\n');
}

function monthLabels(months: readonly MonthFigures[], x: (i: number) => number, y: number): string {
  // At most about ten labels, on round months (every quarter, half year, year, ...).
  const every = [1, 2, 3, 6, 12, 24, 60, 120].find((k) => months.length / k <= 10) ?? 240;
  return months
    .flatMap((m, i) => {
      const [year = 0, month = 1] = m.month.split('-').map(Number);
      const index = year * 12 + month - 1;
      return index % every === 0
        ? [`<text class="muted" x="${n(x(i))}" y="${n(y)}" text-anchor="middle">${escapeXml(m.month)}</text>`]
        : [];
    })
    .join('\n');
}

function legend(items: readonly { label: string; swatch: string }[], y: number): string {
  let x = MARGIN.left;
  const out: string[] = [];
  for (const item of items) {
    out.push(
      `<g transform="translate(${n(x)} ${n(y)})">${item.swatch}<text x="22" y="10">${escapeXml(item.label)}</text></g>`,
    );
    x += 34 + item.label.length * 7;
  }
  return out.join('\n');
}

function emptyNote(top: number, height: number, text: string): string {
  return `<text class="muted" x="${WIDTH / 2}" y="${n(top + height / 2)}" text-anchor="middle">${escapeXml(text)}</text>`;
}

/** Where a month chart's plot area lies, the centre of month `i`'s slot, and the highest tick. */
interface MonthPlot {
  plotTop: number;
  plotHeight: number;
  slot: number;
  x: (i: number) => number;
  top: number;
}

/**
 * A chart over the months of the report: heading, legend, y axis with grid lines up to at least
 * `max` (in `unit`; whole ticks when `integer`), a note when there is nothing to plot, the series
 * that `plot` draws, then the x axis with the month labels.
 */
function monthChart(chart: {
  id: string;
  title: string;
  desc: string;
  months: readonly MonthFigures[];
  legend: readonly { label: string; swatch: string }[];
  max: number;
  integer?: boolean;
  unit: string;
  empty: string | null;
  plot: (at: MonthPlot) => string[];
}): string {
  const height = 320;
  const plotTop = MARGIN.top;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const out = [open(chart.id, height, chart.title, chart.desc), legend(chart.legend, 34)];
  const ticks = niceTicks(Math.max(1, chart.max), chart.integer);
  const top = ticks[ticks.length - 1] as number;
  out.push(yAxis(ticks, plotTop, plotHeight, chart.unit));
  if (chart.empty !== null) out.push(emptyNote(plotTop, plotHeight, chart.empty));
  const slot = plotWidth / Math.max(1, chart.months.length);
  const x = (i: number) => MARGIN.left + slot * i + slot / 2;
  out.push(...chart.plot({ plotTop, plotHeight, slot, x, top }));
  out.push(
    `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${plotTop + plotHeight}" y2="${plotTop + plotHeight}"/>`,
    monthLabels(chart.months, x, height - MARGIN.bottom + 18),
    '</svg>',
    '',
  );
  return out.join('\n');
}

/** Tickets reported per month, stacked by kind. */
function ticketsPerMonthChart(report: ReportData): Chart {
  const months = report.monthly;
  const kinds = TICKET_KINDS.filter((k) => months.some((m) => (m.byKind[k] ?? 0) > 0));
  const totals = months.map((m) => kinds.reduce((s, k) => s + (m.byKind[k] ?? 0), 0));
  const title = `Tickets per month by kind, ${report.organization}`;
  const span = months.length > 0 ? `${months[0]?.month} to ${months[months.length - 1]?.month}` : 'no months';
  const busiest = totals.reduce((best, v, i) => (v > (totals[best] ?? 0) ? i : best), 0);
  const listed = months
    .map((m, i) =>
      (totals[i] ?? 0) === 0
        ? null
        : `${m.month}: ${kinds
            .filter((k) => (m.byKind[k] ?? 0) > 0)
            .map((k) => `${m.byKind[k]} ${KIND_LABEL[k]}`)
            .join(', ')}`,
    )
    .filter((s) => s !== null);
  const desc = totals.every((v) => v === 0)
    ? `No tickets were reported from ${span}.`
    : `Tickets reported per month from ${span}, stacked by kind. ${report.tickets.total} in all; the busiest month is ${months[busiest]?.month} with ${totals[busiest]}. ${listed.join('; ')}.`;
  const max = Math.max(0, ...totals);
  const svg = monthChart({
    id: 'tickets-per-month',
    title,
    desc,
    months,
    legend: kinds.map((k) => ({
      label: KIND_LABEL[k] as string,
      swatch: `<rect width="16" height="12" fill="${KIND_COLOR[k]}"/>`,
    })),
    max,
    integer: true,
    unit: 'tickets',
    empty: max === 0 ? 'No tickets in the period' : null,
    plot: ({ plotTop, plotHeight, slot, x, top }) => {
      const bar = Math.max(1, Math.min(40, slot * 0.72));
      return months.flatMap((m, i) => {
        const bars: string[] = [];
        let y = plotTop + plotHeight;
        for (const k of kinds) {
          const v = m.byKind[k] ?? 0;
          if (v === 0) continue;
          const h = (v / top) * plotHeight;
          y -= h;
          bars.push(
            `<rect x="${n(x(i) - bar / 2)}" y="${n(y)}" width="${n(bar)}" height="${n(h)}" fill="${KIND_COLOR[k]}"><title>${escapeXml(`${m.month}: ${v} ${KIND_LABEL[k]}`)}</title></rect>`,
          );
        }
        return bars;
      });
    },
  });
  return { file: 'tickets-per-month.svg', title, svg };
}

function hours(minutes: number): string {
  return `${(minutes / 60).toFixed(1)} h`;
}

/** Median time to resolve incidents per month (by the month they were reported), in hours. */
function mttrTrendChart(report: ReportData): Chart {
  const months = report.monthly;
  const title = `MTTR trend: median time to resolve incidents, ${report.organization}`;
  const series = [
    {
      key: 'wallClock' as const,
      label: 'wall-clock hours',
      color: '#0969da',
      dash: '',
    },
    {
      key: 'working' as const,
      label: 'working hours (SLA calendar)',
      color: '#bc4c00',
      dash: ' stroke-dasharray="6 4"',
    },
  ];
  const listed = months
    .filter((m) => m.mttrMedianMinutes.wallClock !== null)
    .map(
      (m) =>
        `${m.month}: ${hours(m.mttrMedianMinutes.wallClock as number)} wall-clock${
          m.mttrMedianMinutes.working !== null ? `, ${hours(m.mttrMedianMinutes.working)} working` : ''
        } (${m.resolvedIncidents} resolved)`,
    );
  const desc =
    listed.length === 0
      ? 'No incident of the period is resolved yet.'
      : `Median time from report to resolution of the incidents reported in each month, in hours. ${listed.join('; ')}.`;
  const values = months.flatMap((m) =>
    series.map((s) => m.mttrMedianMinutes[s.key]).filter((v): v is number => v !== null),
  );
  const svg = monthChart({
    id: 'mttr-trend',
    title,
    desc,
    months,
    legend: series.map((s) => ({
      label: s.label,
      swatch: `<line x1="0" x2="16" y1="6" y2="6" stroke="${s.color}" stroke-width="2.5"${s.dash}/>`,
    })),
    max: Math.max(0, ...values) / 60,
    unit: 'hours',
    empty: values.length === 0 ? 'No resolved incidents in the period' : null,
    plot: ({ plotTop, plotHeight, x, top }) => {
      const y = (minutes: number) => plotTop + plotHeight - (minutes / 60 / top) * plotHeight;
      const out: string[] = [];
      for (const s of series) {
        let path = '';
        let pen = false;
        const dots: string[] = [];
        months.forEach((m, i) => {
          const v = m.mttrMedianMinutes[s.key];
          if (v === null) {
            pen = false;
            return;
          }
          path += `${pen ? 'L' : 'M'}${n(x(i))} ${n(y(v))} `;
          pen = true;
          dots.push(
            `<circle cx="${n(x(i))}" cy="${n(y(v))}" r="3" fill="${s.color}"><title>${escapeXml(`${m.month}: ${hours(v)} ${s.label}`)}</title></circle>`,
          );
        });
        if (path)
          out.push(`<path d="${path.trim()}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash}/>`);
        out.push(...dots);
      }
      return out;
    },
  });
  return { file: 'mttr-trend.svg', title, svg };
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

/** SLA compliance (met / decided clocks) per policy and clock, as horizontal bars. */
function slaComplianceChart(report: ReportData): Chart {
  const rows: { label: string; clock: ClockFigures }[] = [];
  const add = (label: string, clock: ClockFigures) => {
    if (clock.met + clock.breached > 0) rows.push({ label, clock });
  };
  add('all policies: response', report.sla.response);
  add('all policies: resolution', report.sla.resolution);
  for (const [policy, p] of Object.entries(report.sla.byPolicy)) {
    add(`${policy}: response`, p.response);
    add(`${policy}: resolution`, p.resolution);
  }
  const title = `SLA compliance per policy, ${report.organization}`;
  const desc =
    rows.length === 0
      ? 'No SLA clock of the period has been decided (met or breached) yet.'
      : `Share of decided SLA clocks (met or breached) that were met. ${rows
          .map(
            (r) =>
              `${r.label}: ${percent(r.clock.compliance as number)} (${r.clock.met} of ${r.clock.met + r.clock.breached})`,
          )
          .join('; ')}.`;
  const rowHeight = 26;
  const labelWidth = 280;
  const top = 44;
  const height = top + Math.max(1, rows.length) * rowHeight + 36;
  const barLeft = labelWidth + 10;
  const barWidth = WIDTH - barLeft - 110;
  const out = [open('sla-compliance', height, title, desc)];
  if (rows.length === 0) out.push(emptyNote(top, rowHeight, 'No decided SLA clocks in the period'));
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const share = r.clock.compliance as number;
    const decided = r.clock.met + r.clock.breached;
    out.push(
      `<text x="${labelWidth}" y="${n(y + 15)}" text-anchor="end">${escapeXml(r.label)}</text>`,
      `<rect x="${barLeft}" y="${n(y + 4)}" width="${barWidth}" height="16" fill="none" class="axis"/>`,
      `<rect x="${barLeft}" y="${n(y + 4)}" width="${n(barWidth * share)}" height="16" fill="${share >= 0.95 ? '#1a7f37' : share >= 0.8 ? '#9a6700' : '#cf222e'}"><title>${escapeXml(`${r.label}: ${percent(share)} met (${r.clock.met} of ${decided})`)}</title></rect>`,
      `<text x="${barLeft + barWidth + 8}" y="${n(y + 15)}">${escapeXml(`${percent(share)} (${r.clock.met}/${decided})`)}</text>`,
    );
  });
  const axisY = top + Math.max(1, rows.length) * rowHeight + 4;
  for (const p of [0, 0.5, 1]) {
    out.push(
      `<text class="muted" x="${n(barLeft + barWidth * p)}" y="${n(axisY + 14)}" text-anchor="middle">${p * 100} %</text>`,
    );
  }
  out.push('</svg>', '');
  return { file: 'sla-compliance.svg', title, svg: out.join('\n') };
}

/** The three charts of a report, in the order the Markdown shows them. */
export function reportCharts(report: ReportData): Chart[] {
  return [ticketsPerMonthChart(report), mttrTrendChart(report), slaComplianceChart(report)];
}
