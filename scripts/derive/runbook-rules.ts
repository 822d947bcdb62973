/**
 * Consistency rules for runbooks (docs/file-formats.md).
 */
import type { RuleFinding } from '../load/rule-finding.ts';
import type { DocPath } from '../load/yaml.ts';
import { idFromPath } from '../model/ids.ts';
import { epochDay } from '../model/time.ts';
import type { OpsbookConfig, RunbookRecord } from '../model/types.ts';
import { bidiBodyFindings, bidiFieldFindings } from './bidi-controls.ts';
import { rawHtmlFindings } from './markdown-html.ts';

const UNIT_DAYS: Readonly<Record<string, number>> = { d: 1, w: 7, m: 30, y: 365 };
const UNIT_MINUTES: Readonly<Record<string, number>> = { m: 1, h: 60, d: 1440 };

/** Days of an interval like `180d`, `12w`, `6m`, `1y` (a month counts 30 days). */
export function intervalDays(interval: string): number {
  const m = /^(\d+)([dwmy])$/.exec(interval);
  return m ? Number(m[1]) * (UNIT_DAYS[m[2] as string] as number) : Number.NaN;
}

/** Minutes of a recovery objective like `30m`, `4h`, `1d`. */
function objectiveMinutes(value: string): number {
  const m = /^(\d+)([mhd])$/.exec(value);
  return m ? Number(m[1]) * (UNIT_MINUTES[m[2] as string] as number) : Number.NaN;
}

export const MAX_INTERVAL_DAYS = 3 * 365;
const MAX_OBJECTIVE_MINUTES = 90 * 1440;

export function checkRunbook(
  record: RunbookRecord,
  config: OpsbookConfig | null,
  today: string,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const r = record.data;
  const file = record.file;
  const error = (code: string, path: DocPath, message: string) =>
    findings.push({ file, code, severity: 'error', path, at: 'value', message });

  const fileId = idFromPath(file);
  if (r.id !== fileId)
    error('runbook/id-file-name', ['id'], `id "${r.id}" differs from the file name "${fileId}.md"`);
  const folder = file.split('/')[1];
  if (folder && !r.services.includes(folder)) {
    error(
      'runbook/folder',
      ['services'],
      `the runbook lies in runbooks/${folder}/ but does not list service "${folder}"`,
    );
  }
  if (config) {
    r.services.forEach((s, i) => {
      if (!Object.hasOwn(config.services, s)) error('ref/service', ['services', i], `unknown service "${s}"`);
    });
  }
  for (const field of ['review_every', 'test_every'] as const) {
    const value = r[field];
    if (value === undefined) continue;
    const days = intervalDays(value);
    if (!(days >= 1 && days <= MAX_INTERVAL_DAYS)) {
      error('runbook/interval', [field], `${field} ${value} is out of range: between 1d and 3y`);
    }
  }
  for (const field of ['rto', 'rpo'] as const) {
    const value = r[field];
    if (value === undefined) continue;
    const minutes = objectiveMinutes(value);
    if (!(minutes >= 1 && minutes <= MAX_OBJECTIVE_MINUTES)) {
      error('runbook/objective', [field], `${field} ${value} is out of range: more than 0 and at most 90d`);
    }
  }
  for (const field of ['last_reviewed', 'last_tested'] as const) {
    const value = r[field];
    if (value && epochDay(value) > epochDay(today)) {
      error('runbook/future-date', [field], `${field} ${value} lies in the future (today is ${today})`);
    }
  }
  findings.push(...rawHtmlFindings(record, 'runbook', 'use Markdown'));
  if (r.audience === 'public') {
    // A public runbook is shown on the public site: its title, scenario and steps.
    findings.push(
      ...bidiFieldFindings(file, [
        { path: ['title'], text: r.title },
        { path: ['scenario'], text: r.scenario },
      ]),
      ...bidiBodyFindings(record, 1, 'the public runbook'),
    );
  }
  return findings;
}
