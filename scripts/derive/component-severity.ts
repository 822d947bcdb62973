/**
 * The order of Statuspage's component statuses, from best to worst: operational <
 * under_maintenance < degraded_performance < partial_outage < major_outage. Where tickets overlap
 * the worst wins, so a maintenance never hides an outage; the page's overall indicator is the
 * worst of its components.
 */
import type { ComponentStatus, StatusIndicator } from '../model/site.ts';

const SEVERITY: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

const BY_SEVERITY: readonly ComponentStatus[] = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
];

/** The rank of a component status (operational 0 … major_outage 4); unknown values rank 0. */
export function severity(status: ComponentStatus): number {
  return SEVERITY[status] ?? 0;
}

/** The component status of a rank (0 operational … 4 major_outage). */
export function statusOfSeverity(rank: number): ComponentStatus {
  return BY_SEVERITY[rank] as ComponentStatus;
}

/** The worst of some component statuses (`operational` for none). */
export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, severity(s));
  return statusOfSeverity(worst);
}

/** The page's overall indicator and Statuspage's description for it, from the components' statuses. */
export function overallStatus(statuses: readonly ComponentStatus[]): {
  indicator: StatusIndicator;
  description: string;
} {
  switch (worstStatus(statuses)) {
    case 'major_outage':
      return { indicator: 'critical', description: 'Major System Outage' };
    case 'partial_outage':
      return { indicator: 'major', description: 'Partial System Outage' };
    case 'degraded_performance':
      return { indicator: 'minor', description: 'Minor Service Outage' };
    case 'under_maintenance':
      return { indicator: 'maintenance', description: 'Service Under Maintenance' };
    default:
      return { indicator: 'none', description: 'All Systems Operational' };
  }
}
