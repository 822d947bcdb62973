/**
 * Status badges: flat SVG in the style of shields.io (a grey label, a coloured status), for READMEs
 * and wikis. Standalone and static: no scripts, links, external fonts or `id`s (so several badges
 * can be inlined into one page), a `<title>` and `role="img"` with an `aria-label` for screen
 * readers, every text escaped. Colours keep a contrast of at least 4.5:1 with their text (dark
 * text on yellow and orange).
 */
import type { ComponentStatus, SiteLocale, StatusIndicator } from '../../model/site.ts';
import { escapeXml } from '../escape.ts';

type BadgeStatus = ComponentStatus | StatusIndicator;

const MESSAGES: Record<SiteLocale, Record<BadgeStatus, string>> = {
  en: {
    operational: 'operational',
    degraded_performance: 'degraded performance',
    partial_outage: 'partial outage',
    major_outage: 'major outage',
    under_maintenance: 'maintenance',
    none: 'operational',
    minor: 'minor outage',
    major: 'partial outage',
    critical: 'major outage',
    maintenance: 'maintenance',
  },
  de: {
    operational: 'in Betrieb',
    degraded_performance: 'eingeschränkt',
    partial_outage: 'teilweiser Ausfall',
    major_outage: 'Ausfall',
    under_maintenance: 'Wartung',
    none: 'in Betrieb',
    minor: 'leichte Störung',
    major: 'teilweiser Ausfall',
    critical: 'Ausfall',
    maintenance: 'Wartung',
  },
  sv: {
    operational: 'i drift',
    degraded_performance: 'försämrad',
    partial_outage: 'delvis avbrott',
    major_outage: 'avbrott',
    under_maintenance: 'underhåll',
    none: 'i drift',
    minor: 'mindre störning',
    major: 'delvis avbrott',
    critical: 'avbrott',
    maintenance: 'underhåll',
  },
  ru: {
    operational: 'работает',
    degraded_performance: 'снижена',
    partial_outage: 'частичный сбой',
    major_outage: 'сбой',
    under_maintenance: 'работы',
    none: 'работает',
    minor: 'нарушения',
    major: 'частичный сбой',
    critical: 'сбой',
    maintenance: 'работы',
  },
};

const GREEN = { fill: '#1a7f37', text: '#ffffff' };
const YELLOW = { fill: '#d4a72c', text: '#1f2328' };
const ORANGE = { fill: '#e16f24', text: '#1f2328' };
const RED = { fill: '#cf222e', text: '#ffffff' };
const BLUE = { fill: '#0969da', text: '#ffffff' };
const COLORS: Record<BadgeStatus, { fill: string; text: string }> = {
  operational: GREEN,
  none: GREEN,
  degraded_performance: YELLOW,
  minor: YELLOW,
  partial_outage: ORANGE,
  major: ORANGE,
  major_outage: RED,
  critical: RED,
  under_maintenance: BLUE,
  maintenance: BLUE,
};
const LABEL = { fill: '#555555', text: '#ffffff' };
const HEIGHT = 20;
const PADDING = 6;

/** The badge text for a status, as the badge shows it. */
function badgeMessage(status: BadgeStatus, locale: SiteLocale = 'en'): string {
  return MESSAGES[locale][status];
}

/** A badge such as `mail | operational`; an empty label gives a badge with the status only. */
export function statusBadge(label: string, status: BadgeStatus, locale: SiteLocale = 'en'): string {
  const message = badgeMessage(status, locale);
  const color = COLORS[status];
  const labelWidth = label === '' ? 0 : textWidth(label) + 2 * PADDING;
  const messageWidth = textWidth(message) + 2 * PADDING;
  const width = labelWidth + messageWidth;
  const accessible = escapeXml(label === '' ? message : `${label}: ${message}`);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${accessible}">`,
    `<title>${accessible}</title>`,
    `<rect width="${width}" height="${HEIGHT}" rx="3" fill="${color.fill}"/>`,
  ];
  if (labelWidth > 0) {
    parts.push(
      `<rect width="${labelWidth}" height="${HEIGHT}" rx="3" fill="${LABEL.fill}"/>`,
      `<rect x="${labelWidth - 3}" width="3" height="${HEIGHT}" fill="${LABEL.fill}"/>`,
    );
  }
  parts.push('<g font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">');
  if (labelWidth > 0) {
    parts.push(`<text x="${half(labelWidth)}" y="14" fill="${LABEL.text}">${escapeXml(label)}</text>`);
  }
  parts.push(
    `<text x="${half(2 * labelWidth + messageWidth)}" y="14" fill="${color.text}">${escapeXml(message)}</text>`,
    '</g>',
    '</svg>',
    '',
  );
  return parts.join('\n');
}

function half(value: number): string {
  return String(value / 2);
}

/**
 * The width of a text in Verdana 11px, whole pixels, estimated from character classes (close
 * enough for a badge; the real widths depend on the reader's font).
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[iljI|.,:;!'`]/.test(char)) width += 3.5;
    else if (/[ ]/.test(char)) width += 3.9;
    else if (/[ftr()[\]{}\-/\\"]/.test(char)) width += 4.6;
    else if (/[mwMW%@]/.test(char)) width += 10;
    else if (/[A-Z0-9#&?_+=<>~^*$]/.test(char)) width += 7.4;
    else if ((char.codePointAt(0) ?? 0) >= 0x1100) width += 11;
    else width += 6.6;
  }
  return Math.ceil(width);
}
