/**
 * How each status is shown: a symbol from public/icons.svg, a tone (its colour) and the
 * dictionary key of its words. Colour is never the only cue: the symbol's shape and the words
 * always come with it.
 */
import type { ComponentStatus, SiteClock, StatusIndicator } from '../../../scripts/model/site.ts';

export type Tone = 'ok' | 'warn' | 'partial' | 'major' | 'maint' | 'neutral';

export interface SignSpec {
  icon: string;
  tone: Tone;
  key: string;
}

const COMPONENT: Record<ComponentStatus, { icon: string; tone: Tone }> = {
  operational: { icon: 'ok', tone: 'ok' },
  degraded_performance: { icon: 'warn', tone: 'warn' },
  partial_outage: { icon: 'partial', tone: 'partial' },
  major_outage: { icon: 'major', tone: 'major' },
  under_maintenance: { icon: 'maint', tone: 'maint' },
};

const INDICATOR: Record<StatusIndicator, { icon: string; tone: Tone }> = {
  none: { icon: 'ok', tone: 'ok' },
  minor: { icon: 'warn', tone: 'warn' },
  major: { icon: 'partial', tone: 'partial' },
  critical: { icon: 'major', tone: 'major' },
  maintenance: { icon: 'maint', tone: 'maint' },
};

const CLOCK: Record<SiteClock['state'], { icon: string; tone: Tone }> = {
  met: { icon: 'ok', tone: 'ok' },
  running: { icon: 'clock', tone: 'neutral' },
  'at-risk': { icon: 'warn', tone: 'warn' },
  paused: { icon: 'pause', tone: 'neutral' },
  breached: { icon: 'major', tone: 'major' },
  'not-applicable': { icon: 'dash', tone: 'neutral' },
};

export function componentSign(status: ComponentStatus): SignSpec {
  const s = COMPONENT[status] ?? { icon: 'dash', tone: 'neutral' };
  return { ...s, key: `status.${status}` };
}

export function indicatorSign(indicator: StatusIndicator): SignSpec {
  const s = INDICATOR[indicator] ?? { icon: 'dash', tone: 'neutral' };
  return { ...s, key: `indicator.${indicator}` };
}

export function clockSign(state: SiteClock['state']): SignSpec {
  const s = CLOCK[state] ?? { icon: 'dash', tone: 'neutral' };
  return { ...s, key: `clock.${state}` };
}

/** Bar classes of the 90-day history (short: 1,000 bars on the status page). */
export const DAY_CLASS: Record<ComponentStatus, string> = {
  operational: 'd0',
  under_maintenance: 'dm',
  degraded_performance: 'd1',
  partial_outage: 'd2',
  major_outage: 'd3',
};
