/**
 * The shapes of the Statuspage public API v2 documents (`statuspage.ts` builds them): the page,
 * components and groups, incidents and scheduled maintenances with their updates, and the
 * overall status, with Statuspage's field names.
 */
import type {
  ComponentStatus,
  IncidentImpact,
  IncidentStatus,
  MaintenanceStatus,
  StatusIndicator,
} from '../../model/site.ts';

export interface StatuspagePage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface StatuspageComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Only on groups: the ids of the group's components. */
  components?: string[];
}

export interface StatuspageAffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface StatuspageIncidentUpdate {
  id: string;
  status: IncidentStatus | MaintenanceStatus;
  /** The update's text as written (Markdown source), as Statuspage gives it. */
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: StatuspageAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
}

export interface StatuspageIncident {
  id: string;
  name: string;
  status: IncidentStatus | MaintenanceStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: IncidentImpact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: StatuspageIncidentUpdate[];
  components: StatuspageComponent[];
  reminder_intervals: null;
}

export interface StatuspageMaintenance extends StatuspageIncident {
  scheduled_for: string | null;
  scheduled_until: string | null;
}

export interface StatuspageStatus {
  indicator: StatusIndicator;
  description: string;
}
