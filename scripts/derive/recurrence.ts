/**
 * Recurring incidents as problem candidates (opsbook.yaml `problems.recurrence`): incidents that
 * share a key (by default service and cause), are not linked to a problem record, and of which
 * at least `min_count` were reported within `window_days` of each other.
 *
 * Tickets are never compared pairwise: each incident is put into the groups of its keys (one per
 * service when the key has `service`), each group is sorted by time once, and a window slides over
 * it with two indices. n incidents with k services each cost O(n·k·log) time.
 */

import type { RecurrenceField } from '../model/schema-types.generated.ts';
import { DAY_MS } from '../model/time.ts';
import type { OpsbookConfig } from '../model/types.ts';

export interface RecurrenceSettings {
  /** Incidents of one group within the window that make a candidate (>= 2). */
  minCount: number;
  /** The window in days: first and last incident at most this far apart. */
  windowDays: number;
  /** The fields the incidents of a group share, in the order given. */
  groupBy: readonly RecurrenceField[];
}

export const DEFAULT_RECURRENCE: RecurrenceSettings = {
  minCount: 3,
  windowDays: 90,
  groupBy: ['service', 'cause'],
};

/** The recurrence settings of opsbook.yaml, with the defaults for what it leaves out. */
export function recurrenceSettings(config: Pick<OpsbookConfig, 'problems'>): RecurrenceSettings {
  const r = config.problems?.recurrence;
  return {
    minCount: r?.min_count ?? DEFAULT_RECURRENCE.minCount,
    windowDays: r?.window_days ?? DEFAULT_RECURRENCE.windowDays,
    groupBy: r?.group_by ?? DEFAULT_RECURRENCE.groupBy,
  };
}

/** What recurrence detection reads of an incident. */
export interface RecurrenceIncident {
  readonly id: string;
  /** `reported_at` in epoch milliseconds. */
  readonly reportedMs: number;
  /** Affected service ids. */
  readonly services: readonly string[];
  readonly ci?: string | null;
  readonly customer?: string | null;
  readonly category?: string | null;
  readonly cause?: string | null;
}

export interface ProblemCandidate<T extends RecurrenceIncident = RecurrenceIncident> {
  /** The shared values, by field of `groupBy`. */
  key: Partial<Record<RecurrenceField, string>>;
  /** The incidents that lie in a window with at least `minCount` incidents, by time then ID. */
  incidents: T[];
  /** The most incidents of the group inside one window. */
  maxInWindow: number;
  /** First and last reported instant of `incidents` (epoch ms). */
  firstMs: number;
  lastMs: number;
}

function keyValues(incident: RecurrenceIncident, field: RecurrenceField): readonly string[] {
  if (field === 'service') return incident.services;
  const value = incident[field];
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/**
 * The incident's group keys: one value of each field, every combination (an incident with two
 * services is in a group of each); none when a field has no value. Mostly one key of single values.
 */
function groupKeys(incident: RecurrenceIncident, fields: readonly RecurrenceField[]): string[][] {
  const single: string[] = [];
  let several = false;
  for (const field of fields) {
    const values = keyValues(incident, field);
    if (values.length === 0) return [];
    if (values.length > 1) several = true;
    single.push(values[0] as string);
  }
  if (!several) return [single];
  let keys: string[][] = [[]];
  for (const field of fields) {
    const values = [...new Set(keyValues(incident, field))];
    keys = keys.flatMap((k) => values.map((v) => [...k, v]));
  }
  return keys;
}

/**
 * The problem candidates among `incidents` (which the caller has already limited to incidents that
 * are no duplicates, not cancelled and not linked to a problem). `relevant(incident)` says whether
 * an incident lies in the reporting period: a group is a candidate only when at least one incident of
 * a qualifying window is relevant (earlier incidents give context). Sorted by size, then key.
 */
export function findProblemCandidates<T extends RecurrenceIncident>(
  incidents: readonly T[],
  settings: RecurrenceSettings,
  relevant: (incident: T) => boolean = () => true,
): ProblemCandidate<T>[] {
  const groups = new RecurrenceGroups<T>(settings);
  for (const incident of incidents) groups.add(incident);
  return groups.candidates(relevant);
}

/**
 * findProblemCandidates one incident at a time: `add` puts each into the groups of its keys (the
 * report adds each as it is parsed), `candidates` then finds the windows.
 */
export class RecurrenceGroups<T extends RecurrenceIncident> {
  readonly #settings: RecurrenceSettings;
  // The key is the JSON of the values, so no separator inside a value can join two keys.
  readonly #groups = new Map<string, T[]>();

  constructor(settings: RecurrenceSettings) {
    this.#settings = settings;
  }

  add(incident: T): void {
    const groups = this.#groups;
    for (const k of groupKeys(incident, this.#settings.groupBy)) {
      const key = JSON.stringify(k);
      const group = groups.get(key);
      if (group) group.push(incident);
      else groups.set(key, [incident]);
    }
  }

  candidates(relevant: (incident: T) => boolean): ProblemCandidate<T>[] {
    return candidatesOf(this.#groups, this.#settings, relevant);
  }
}

function candidatesOf<T extends RecurrenceIncident>(
  groups: ReadonlyMap<string, T[]>,
  settings: RecurrenceSettings,
  relevant: (incident: T) => boolean,
): ProblemCandidate<T>[] {
  const fields = settings.groupBy;
  const minCount = Math.max(2, Math.floor(settings.minCount));
  const windowMs = settings.windowDays * DAY_MS;
  const candidates: ProblemCandidate<T>[] = [];
  for (const [key, group] of groups) {
    if (group.length < minCount) continue;
    group.sort((a, b) => a.reportedMs - b.reportedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const inWindow = new Uint8Array(group.length);
    let maxInWindow = 0;
    let markedTo = -1;
    let left = 0;
    for (let right = 0; right < group.length; right++) {
      const t = (group[right] as RecurrenceIncident).reportedMs;
      while (t - (group[left] as RecurrenceIncident).reportedMs > windowMs) left++;
      const count = right - left + 1;
      if (count > maxInWindow) maxInWindow = count;
      if (count >= minCount) {
        // Each index is marked once: the marked range only grows to the right.
        for (let i = Math.max(left, markedTo + 1); i <= right; i++) inWindow[i] = 1;
        markedTo = right;
      }
    }
    if (maxInWindow < minCount) continue;
    const members = group.filter((_, i) => inWindow[i] === 1);
    if (!members.some((m) => relevant(m))) continue;
    const values = JSON.parse(key) as string[];
    candidates.push({
      key: Object.fromEntries(fields.map((f, i) => [f, values[i] as string])),
      incidents: members,
      maxInWindow,
      firstMs: (members[0] as T).reportedMs,
      lastMs: (members[members.length - 1] as T).reportedMs,
    });
  }
  const keyText = (c: ProblemCandidate<T>) => JSON.stringify(fields.map((f) => c.key[f]));
  return candidates.sort((a, b) => {
    if (a.incidents.length !== b.incidents.length) return b.incidents.length - a.incidents.length;
    const ka = keyText(a);
    const kb = keyText(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** A word for shell: single-quoted unless it is plainly safe. Control characters become spaces. */
export function shellQuote(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(clean) ? clean : `'${clean.replace(/'/g, `'\\''`)}'`;
}

/** How the candidate's shared values read in a title. */
export interface CandidateNames {
  service(id: string): string;
  customer(id: string): string;
}

/** A title for the problem record, e.g. "Recurring auto-update incidents on Managed servers". */
export function candidateTitle(candidate: ProblemCandidate, names: CandidateNames): string {
  const k = candidate.key;
  const subject = k.cause ?? k.category;
  let title = `Recurring ${subject ? `${subject} ` : ''}incidents`;
  if (k.service !== undefined) title += ` on ${names.service(k.service)}`;
  if (k.ci !== undefined) title += k.service !== undefined ? ` (${k.ci})` : ` on ${k.ci}`;
  if (k.customer !== undefined) title += ` at ${names.customer(k.customer)}`;
  if (k.cause !== undefined && k.category !== undefined) title += `, category ${k.category}`;
  return title.replace(/\s+/g, ' ').trim();
}

/**
 * The command that opens the problem record: `opsbook new problem --title ... --service ...`.
 * `services` are the services to name (the key's, or those of the candidate's incidents).
 */
export function newProblemCommand(title: string, services: readonly string[]): string {
  return [
    'opsbook new problem --title',
    shellQuote(title),
    ...services.map((s) => `--service ${shellQuote(s)}`),
  ].join(' ');
}
