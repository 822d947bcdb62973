/**
 * `--where FIELD=VALUE[,VALUE...]` and `--where FIELD!=VALUE[,...]` filters of `opsbook report`.
 * Clauses are all required (and); the values of one clause are alternatives (or). An empty value
 * stands for a missing field (`--where problem=` keeps the tickets without a problem record).
 */
import type { ServiceRef, Ticket } from '../model/schema-types.generated.ts';

/** Ticket fields a clause may name, besides custom `x-*` fields. */
const WHERE_FIELDS = [
  'kind',
  'status',
  'priority',
  'customer',
  'channel',
  'category',
  'cause',
  'team',
  'assignee',
  'service',
  'service_group',
  'ci',
  'avoidable',
  'problem',
  'duplicate_of',
] as const;

/** A field a clause may name: one of the ticket fields above or a custom `x-*` field. */
export type WhereField = (typeof WHERE_FIELDS)[number] | CustomField;
type CustomField = `x-${string}`;

function isCustomField(field: string): field is CustomField {
  return field.startsWith('x-');
}

function isWhereField(field: string): field is WhereField {
  return isCustomField(field) || (WHERE_FIELDS as readonly string[]).includes(field);
}

export interface WhereClause {
  field: WhereField;
  negate: boolean;
  values: string[];
}

const CLAUSE = /^([a-z][a-z0-9_-]*)(!?=)(.*)$/;

/** Parses the clauses; throws an Error whose message is one line for the user. */
export function parseWhere(texts: readonly string[]): WhereClause[] {
  return texts.map((text) => {
    const m = CLAUSE.exec(text);
    if (!m) throw new Error(`--where "${text}" is not FIELD=VALUE or FIELD!=VALUE`);
    const field = m[1] as string;
    if (!isWhereField(field)) {
      throw new Error(`--where: unknown field "${field}" (one of ${WHERE_FIELDS.join(', ')}, or x-*)`);
    }
    return { field, negate: m[2] === '!=', values: (m[3] as string).split(',').map((v) => v.trim()) };
  });
}

/** The clause as the report shows it: `x-case=emergency-form`. */
export function formatClause(c: WhereClause): string {
  return `${c.field}${c.negate ? '!=' : '='}${c.values.join(',')}`;
}

/** What a filter reads of a ticket. */
export type FilterTicket = Readonly<
  Pick<
    Ticket,
    | 'kind'
    | 'status'
    | 'customer'
    | 'channel'
    | 'category'
    | 'cause'
    | 'team'
    | 'assignee'
    | 'ci'
    | 'avoidable'
    | 'problem'
    | 'duplicate_of'
  >
> & { readonly services?: readonly ServiceRef[] };

export interface FilterContext {
  /** The ticket's effective priority. */
  priority: string | null;
  /** The `group` of a service in opsbook.yaml. */
  serviceGroup(id: string): string | undefined;
  /** The ticket's custom fields (only asked when a clause names one). */
  customFields(): Readonly<Record<string, unknown>>;
}

function scalarText(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(scalarText);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return [String(value)];
  return [JSON.stringify(value)];
}

/** The values a ticket has in a clause's field (none when it lacks the field). */
export function fieldValues(t: FilterTicket, field: WhereField, ctx: FilterContext): string[] {
  const serviceIds = () => (t.services ?? []).map((s) => (typeof s === 'string' ? s : s.id));
  switch (field) {
    case 'priority':
      return ctx.priority === null ? [] : [ctx.priority];
    case 'service':
      return serviceIds();
    case 'service_group':
      return serviceIds().flatMap((id) => scalarText(ctx.serviceGroup(id)));
    default:
      if (isCustomField(field)) return scalarText(ctx.customFields()[field]);
      return scalarText(t[field]);
  }
}

/** The ticket fields the clauses read (custom `x-*` fields aside): what `fieldValues` reads. */
export function fieldsNamed(clauses: readonly WhereClause[]): (keyof FilterTicket)[] {
  const fields = new Set<keyof FilterTicket>();
  for (const { field } of clauses) {
    if (field === 'service' || field === 'service_group') fields.add('services');
    // The priority is the ticket's, else its impact and urgency in the matrix (ReportTicket's fields).
    else if (field !== 'priority' && !isCustomField(field)) fields.add(field);
  }
  return [...fields];
}

export function matchesWhere(t: FilterTicket, clauses: readonly WhereClause[], ctx: FilterContext): boolean {
  for (const c of clauses) {
    const values = fieldValues(t, c.field, ctx);
    if (values.length === 0) values.push('');
    const hit = values.some((v) => c.values.includes(v));
    if (hit === c.negate) return false;
  }
  return true;
}
