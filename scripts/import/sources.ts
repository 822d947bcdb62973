/**
 * The systems `opsbook import` reads, each with the date format its exports use.
 */
import type { OpsbookConfig } from '../model/types.ts';
import { CSTATE_DATE_FORMAT, readCState } from './cstate.ts';
import { JIRA_DATE_FORMAT, readJira } from './jira.ts';
import type { Mapper } from './map-file.ts';
import type { SourceResult } from './model.ts';
import { readServiceNow, SERVICENOW_DATE_FORMAT } from './servicenow.ts';
import { readStatuspage } from './statuspage.ts';

export interface Source {
  /** What INPUT is: an export file or a site's folder. */
  input: 'file' | 'folder';
  dateFormat: string;
  /** The zone of the source's times when the map names none (default: the organisation's). */
  timeZone?: string;
  read(input: string, mapper: Mapper, config: OpsbookConfig): Promise<SourceResult>;
}

export type SourceName = 'servicenow' | 'jira' | 'statuspage' | 'cstate';

export const SOURCES: Readonly<Record<SourceName, Source>> = {
  servicenow: { input: 'file', dateFormat: SERVICENOW_DATE_FORMAT, read: readServiceNow },
  jira: { input: 'file', dateFormat: JIRA_DATE_FORMAT, read: readJira },
  statuspage: { input: 'folder', dateFormat: 'yyyy-MM-dd HH:mm:ss', read: readStatuspage },
  cstate: { input: 'folder', dateFormat: CSTATE_DATE_FORMAT, timeZone: 'UTC', read: readCState },
};
