/**
 * The webhook payloads of the monitoring systems `opsbook ingest` reads, as one list of alert
 * events: Prometheus Alertmanager (webhook version 4), Grafana unified alerting (the same alert
 * list plus Grafana's fields), Uptime Kuma (one heartbeat of one monitor) and Opsbook's generic
 * shape (schemas/alert-webhook.schema.json). Everything in a payload is untrusted: texts are
 * cleaned and capped here, so nothing later sees them raw.
 */
import { Temporal } from 'temporal-polyfill';
import { cleanLine, cleanText } from '../derive/untrusted-text.ts';

export const ALERT_SOURCES = ['alertmanager', 'grafana', 'uptime-kuma', 'webhook'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export interface AlertEvent {
  source: AlertSource;
  /** The monitoring system's stable id of the alert (same labels, same fingerprint). */
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  summary?: string;
  description?: string;
  /** Where the alert came from (Prometheus graph, Grafana rule, the monitored URL). */
  url?: string;
  /** When the alert started firing (epoch ms); for Uptime Kuma's recovery heartbeats unknown. */
  startsMs?: number;
  /** When it stopped (resolved events). */
  endsMs?: number;
}

export interface ParsedPayload {
  events: AlertEvent[];
  /** Alerts in the payload that are no event (Kuma's pending, a test message), one line each. */
  skipped: string[];
}

/** A payload that is not what its source sends; `where` is a path like `alerts[1].startsAt`. */
export class PayloadError extends Error {}

const MAX_ALERTS = 1000;
const MAX_LABELS = 64;
const FINGERPRINT = /^[A-Za-z0-9._:-]{1,128}$/;
/** Alertmanager's and Grafana's "not set" time. */
const ZERO_TIME = /^0001-01-01T00:00:00/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, where: string): Json {
  if (!isObject(value)) throw new PayloadError(`${where} must be an object`);
  return value;
}

function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new PayloadError(`${where} must be a string`);
  return value;
}

function optionalText(value: unknown, max: number, line: boolean): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = line ? cleanLine(value, max) : cleanText(value, max);
  return text === '' ? undefined : text;
}

/** An RFC 3339 instant with an offset, in epoch ms; undefined for the zero time. */
function instantAt(value: unknown, where: string): number | undefined {
  const text = stringAt(value, where);
  if (ZERO_TIME.test(text)) return undefined;
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    throw new PayloadError(`${where} "${cleanLine(text, 40)}" is not an RFC 3339 instant with an offset`);
  }
}

function labelsAt(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  const labels = objectAt(value, where);
  const out: Record<string, string> = {};
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS) throw new PayloadError(`${where} has more than ${MAX_LABELS} labels`);
  for (const [key, raw] of entries) {
    if (typeof raw !== 'string') continue;
    out[cleanLine(key, 100)] = cleanLine(raw, 200);
  }
  return out;
}

function fingerprintAt(value: unknown, where: string): string {
  const text = stringAt(value, where);
  if (!FINGERPRINT.test(text))
    throw new PayloadError(
      `${where} must be 1 to 128 letters, digits or ._:- (got "${cleanLine(text, 40)}")`,
    );
  return text;
}

function statusAt(value: unknown, where: string): 'firing' | 'resolved' {
  if (value === 'firing' || value === 'resolved') return value;
  throw new PayloadError(`${where} must be "firing" or "resolved"`);
}

/** An alert of Alertmanager's and Grafana's `alerts` list, or of the generic shape. */
function listAlert(source: AlertSource, raw: unknown, where: string): AlertEvent {
  const alert = objectAt(raw, where);
  const status = statusAt(alert.status, `${where}.status`);
  const annotations = isObject(alert.annotations) ? alert.annotations : {};
  const generic = source === 'webhook';
  const event: AlertEvent = {
    source,
    fingerprint: fingerprintAt(alert.fingerprint, `${where}.fingerprint`),
    status,
    labels: labelsAt(alert.labels, `${where}.labels`),
    summary: optionalText(generic ? alert.summary : annotations.summary, 200, true),
    description: optionalText(generic ? alert.description : annotations.description, 2000, false),
    url: optionalText(generic ? alert.url : alert.generatorURL, 500, true),
    startsMs:
      alert.startsAt === undefined && generic ? undefined : instantAt(alert.startsAt, `${where}.startsAt`),
  };
  if (status === 'firing' && event.startsMs === undefined)
    throw new PayloadError(`${where}.startsAt is needed for a firing alert`);
  if (status === 'resolved') {
    const ends = alert.endsAt === undefined ? undefined : instantAt(alert.endsAt, `${where}.endsAt`);
    if (ends === undefined) throw new PayloadError(`${where}.endsAt is needed for a resolved alert`);
    event.endsMs = ends;
  }
  return event;
}

function alertList(source: AlertSource, payload: Json): AlertEvent[] {
  const alerts = payload.alerts;
  if (!Array.isArray(alerts)) throw new PayloadError('alerts must be a list');
  if (alerts.length > MAX_ALERTS) throw new PayloadError(`more than ${MAX_ALERTS} alerts in one payload`);
  return alerts.map((a, i) => listAlert(source, a, `alerts[${i}]`));
}

/** Kuma's heartbeat time: `YYYY-MM-DD HH:MM:SS(.sss)` in UTC. */
function kumaTime(value: unknown, where: string): number {
  const text = stringAt(value, where);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)$/.exec(text);
  const ms = m ? Date.parse(`${m[1]}T${m[2]}Z`) : Number.NaN;
  if (Number.isNaN(ms))
    throw new PayloadError(`${where} "${cleanLine(text, 40)}" is not a time YYYY-MM-DD HH:MM:SS (UTC)`);
  return ms;
}

const KUMA_STATUS: Record<number, string> = { 0: 'down', 1: 'up', 2: 'pending', 3: 'maintenance' };

function kuma(payload: Json): ParsedPayload {
  if (payload.heartbeat === null || payload.heartbeat === undefined) {
    // Kuma's "Test" button sends only `msg`.
    return {
      events: [],
      skipped: [
        `a message without heartbeat (a test notification?): ${cleanLine(String(payload.msg ?? ''), 100)}`,
      ],
    };
  }
  const heartbeat = objectAt(payload.heartbeat, 'heartbeat');
  const monitor = objectAt(payload.monitor, 'monitor');
  const id = monitor.id ?? heartbeat.monitorID;
  if (typeof id !== 'number' || !Number.isInteger(id))
    throw new PayloadError('monitor.id must be an integer');
  const name = cleanLine(stringAt(monitor.name, 'monitor.name'), 200);
  const status = heartbeat.status;
  const at = kumaTime(heartbeat.time, 'heartbeat.time');
  if (status !== 0 && status !== 1) {
    const what = typeof status === 'number' ? (KUMA_STATUS[status] ?? `status ${status}`) : 'no status';
    return { events: [], skipped: [`monitor "${name}": heartbeat ${what} is neither down nor up`] };
  }
  const firing = status === 0;
  const labels: Record<string, string> = { alertname: name, monitor: name, severity: 'critical' };
  if (typeof monitor.type === 'string') labels.monitor_type = cleanLine(monitor.type, 50);
  const msg = optionalText(heartbeat.msg, 2000, false);
  return {
    events: [
      {
        source: 'uptime-kuma',
        fingerprint: `kuma-monitor-${id}`,
        status: firing ? 'firing' : 'resolved',
        labels,
        summary: `${name} is ${firing ? 'down' : 'up'}`,
        description: msg,
        url: optionalText(monitor.url, 500, true),
        ...(firing ? { startsMs: at } : { endsMs: at }),
      },
    ],
    skipped: [],
  };
}

/** The events in a payload's JSON text; PayloadError when it is not what `source` sends. */
export function parseAlertPayload(source: AlertSource, text: string): ParsedPayload {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PayloadError(`not JSON: ${(error as Error).message}`);
  }
  const payload = objectAt(data, 'the payload');
  switch (source) {
    case 'alertmanager':
      if (payload.version !== '4')
        throw new PayloadError(
          `version must be "4" (Alertmanager's webhook format), not ${JSON.stringify(payload.version ?? null)}`,
        );
      return { events: alertList(source, payload), skipped: [] };
    case 'grafana':
    case 'webhook':
      return { events: alertList(source, payload), skipped: [] };
    case 'uptime-kuma':
      return kuma(payload);
  }
}
