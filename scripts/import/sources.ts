/**
 * The systems `opsbook import` reads, each with the date format its exports use.
 */
import type { OpsbookConfig } from '../model/types.ts';
import type { Mapper } from './map-file.ts';
import type { SourceResult } from './model.ts';
import { readServiceNow, SERVICENOW_DATE_FORMAT } from './servicenow.ts';

export interface Source {
  dateFormat: string;
  read(input: string, mapper: Mapper, config: OpsbookConfig): Promise<SourceResult>;
}

export type SourceName = 'servicenow';

export const SOURCES: Readonly<Record<SourceName, Source>> = {
  servicenow: { dateFormat: SERVICENOW_DATE_FORMAT, read: readServiceNow },
};
