/**
 * Which SLA policy applies to a ticket (opsbook.yaml `sla.assign`, `sla.default`): the first
 * rule all of whose conditions hold, else the default.
 */
import type { ServiceRef, Ticket } from '../model/schema-types.generated.ts';
import { effectivePriority, type PriorityMatrix } from './priority.ts';

/** One condition value, or a list of values any of which matches. */
export type ConditionValue = string | readonly string[];

/** The conditions of an assign rule; all present conditions must hold. */
export interface AssignConditions {
  readonly kind?: ConditionValue;
  readonly priority?: ConditionValue;
  /** The `contract` of the ticket's customer; a ticket without customer has none. */
  readonly customer_contract?: ConditionValue;
  readonly customer?: ConditionValue;
  /** Any of the ticket's services. */
  readonly service?: ConditionValue;
  /** The `group` of any of the ticket's services. */
  readonly service_group?: ConditionValue;
  readonly channel?: ConditionValue;
}

export interface AssignRule {
  readonly when?: AssignConditions;
  readonly policy: string;
}

/** A ticket's affected service: a plain id or `{id, effect}`. */
export type TicketServiceRef = string | { readonly id: string; readonly effect?: string };

/** The ticket fields that policy assignment reads. */
export type PolicyTicket = Readonly<
  Pick<Ticket, 'kind' | 'priority' | 'impact' | 'urgency' | 'customer' | 'channel'>
> & {
  readonly services?: readonly ServiceRef[];
};

/** The configuration that policy assignment reads. */
export interface PolicyConfig {
  readonly services?: { readonly [id: string]: { readonly group?: string } | undefined };
  readonly customers?: { readonly [id: string]: { readonly contract?: string } | undefined };
  readonly priority?: { readonly matrix?: PriorityMatrix };
  readonly sla: { readonly assign?: readonly AssignRule[]; readonly default?: string | null };
}

const CONDITIONS = new Set([
  'kind',
  'priority',
  'customer_contract',
  'customer',
  'service',
  'service_group',
  'channel',
]);

export function serviceIds(services: readonly TicketServiceRef[] | null | undefined): string[] {
  return (services ?? []).map((s) => (typeof s === 'string' ? s : s.id));
}

function accepts(condition: ConditionValue, values: readonly (string | null | undefined)[]): boolean {
  if (typeof condition === 'string') return values.includes(condition);
  for (const v of values) if (v != null && condition.includes(v)) return true;
  return false;
}

/** `accepts` for one value, without an array for it (a policy is assigned to every ticket). */
function acceptsOne(condition: ConditionValue, value: string | null | undefined): boolean {
  if (typeof condition === 'string') return value === condition;
  return value != null && condition.includes(value);
}

/**
 * The id of the policy for `ticket`, or null when no rule matches and there is no default.
 * Condition names other than those of {@link AssignConditions} never match (names starting with
 * `x-` are ignored); a priority condition compares with the effective priority.
 */
/** A rule's conditions as [name, value] pairs, `x-` names and absent values left out. */
interface CompiledRule {
  readonly conditions: readonly (readonly [string, ConditionValue])[];
  /** A condition name that never matches (not one of AssignConditions). */
  readonly impossible: boolean;
  readonly policy: string;
}

/** The compiled rules of each `sla.assign` list: a ticket's policy is looked up for every ticket. */
const compiledRules = new WeakMap<readonly AssignRule[], readonly CompiledRule[]>();

function rulesOf(assign: readonly AssignRule[]): readonly CompiledRule[] {
  let rules = compiledRules.get(assign);
  if (!rules) {
    rules = assign.map((rule) => {
      const when = (rule.when ?? {}) as Readonly<Record<string, ConditionValue | undefined>>;
      const conditions: (readonly [string, ConditionValue])[] = [];
      let impossible = false;
      for (const [name, condition] of Object.entries(when)) {
        if (condition === undefined || name.startsWith('x-')) continue;
        if (!CONDITIONS.has(name)) impossible = true;
        conditions.push([name, condition]);
      }
      return { conditions, impossible, policy: rule.policy };
    });
    compiledRules.set(assign, rules);
  }
  return rules;
}

export function assignPolicy(ticket: PolicyTicket, config: PolicyConfig): string | null {
  const rules = rulesOf(config.sla.assign ?? []);
  let services: string[] | null = null;
  let groups: (string | undefined)[] | null = null;
  let priority: string | null | undefined;
  nextRule: for (const rule of rules) {
    if (rule.impossible) continue;
    for (const [name, condition] of rule.conditions) {
      let accepted: boolean;
      switch (name) {
        case 'kind':
          accepted = acceptsOne(condition, ticket.kind);
          break;
        case 'priority':
          if (priority === undefined) priority = effectivePriority(ticket, config.priority?.matrix);
          accepted = acceptsOne(condition, priority);
          break;
        case 'customer_contract':
          accepted = acceptsOne(
            condition,
            ticket.customer ? config.customers?.[ticket.customer]?.contract : undefined,
          );
          break;
        case 'customer':
          accepted = acceptsOne(condition, ticket.customer);
          break;
        case 'service':
          services ??= serviceIds(ticket.services);
          accepted = accepts(condition, services);
          break;
        case 'service_group':
          services ??= serviceIds(ticket.services);
          groups ??= services.map((id) => config.services?.[id]?.group);
          accepted = accepts(condition, groups);
          break;
        default:
          accepted = acceptsOne(condition, ticket.channel);
      }
      if (!accepted) continue nextRule;
    }
    return rule.policy;
  }
  return config.sla.default ?? null;
}
