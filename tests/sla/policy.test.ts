/**
 * Policy assignment (opsbook.yaml `sla.assign`, first matching rule wins, then `default`),
 * the priority matrix and target durations.
 */
import { describe, expect, it } from 'vitest';
import { durationProblem, formatDuration, parseDuration } from '../../scripts/derive/duration.ts';
import { effectivePriority, priorityFromMatrix } from '../../scripts/derive/priority.ts';
import {
  type AssignRule,
  assignPolicy,
  type PolicyConfig,
  type PolicyTicket,
} from '../../scripts/derive/sla-policy.ts';

const MATRIX = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
} as const;

const RULES: AssignRule[] = [
  { when: { kind: 'maintenance' }, policy: 'by-kind' },
  { when: { priority: 'P1' }, policy: 'by-priority' },
  { when: { customer_contract: 'maintenance' }, policy: 'by-contract' },
  { when: { customer: 'walk-in-customer' }, policy: 'by-customer' },
  { when: { service: 'mail' }, policy: 'by-service' },
  { when: { service_group: 'decentral' }, policy: 'by-group' },
  { when: { channel: ['phone', 'walk-in'] }, policy: 'by-channel' },
];

const CONFIG: PolicyConfig = {
  services: { mail: { group: 'central' }, erp: { group: 'central' }, pc: { group: 'decentral' } },
  customers: {
    mueller: { contract: 'maintenance' },
    schmidt: { contract: 'none' },
    'walk-in-customer': {},
  },
  priority: { matrix: MATRIX },
  sla: { assign: RULES, default: 'fallback' },
};

const base: PolicyTicket = {
  kind: 'incident',
  impact: 'low',
  urgency: 'low',
  channel: 'web-form',
  services: ['erp'],
};
const policy = (t: Partial<PolicyTicket>, config: PolicyConfig = CONFIG) =>
  assignPolicy({ ...base, ...t }, config);

describe('assignPolicy', () => {
  it('matches each condition, in rule order', () => {
    expect(policy({ kind: 'maintenance', priority: 'P1' })).toBe('by-kind');
    expect(policy({ impact: 'high', urgency: 'high', customer: 'mueller' })).toBe('by-priority'); // P1 from the matrix
    expect(policy({ priority: 'P1' })).toBe('by-priority');
    expect(policy({ customer: 'mueller', services: ['mail'] })).toBe('by-contract');
    expect(policy({ customer: 'walk-in-customer', services: ['mail'] })).toBe('by-customer');
    expect(policy({ services: ['erp', { id: 'mail', effect: 'major_outage' }] })).toBe('by-service');
    expect(policy({ services: ['erp', 'pc'] })).toBe('by-group');
    expect(policy({ channel: 'walk-in' })).toBe('by-channel');
    expect(policy({ channel: 'phone' })).toBe('by-channel');
  });

  it('falls back to the default, or null without one', () => {
    expect(policy({ customer: 'schmidt' })).toBe('fallback');
    expect(policy({ services: undefined, channel: undefined })).toBe('fallback');
    expect(policy({}, { ...CONFIG, sla: { assign: RULES } })).toBeNull();
    expect(policy({}, { ...CONFIG, sla: { default: 'only-default' } })).toBe('only-default');
  });

  it('a rule matches only when all its conditions hold', () => {
    const config: PolicyConfig = {
      ...CONFIG,
      sla: {
        assign: [
          {
            when: { customer_contract: 'maintenance', service_group: 'decentral' },
            policy: 'contract-decentral',
          },
          { when: { customer_contract: ['maintenance', 'none'] }, policy: 'any-contract' },
        ],
        default: 'fallback',
      },
    };
    expect(policy({ customer: 'mueller', services: ['pc'] }, config)).toBe('contract-decentral');
    expect(policy({ customer: 'mueller', services: ['mail'] }, config)).toBe('any-contract');
    expect(policy({ customer: 'schmidt', services: ['pc'] }, config)).toBe('any-contract');
    // A customer without a contract, and a ticket without a customer, have no contract value.
    expect(policy({ customer: 'walk-in-customer' }, config)).toBe('fallback');
    expect(policy({ customer: undefined }, config)).toBe('fallback');
    // An unknown customer id has no contract either.
    expect(policy({ customer: 'nobody' }, config)).toBe('fallback');
  });

  it('an empty rule matches everything; unknown conditions never match; x- conditions are ignored', () => {
    const config = (assign: AssignRule[]): PolicyConfig => ({
      ...CONFIG,
      sla: { assign, default: 'fallback' },
    });
    expect(policy({}, config([{ policy: 'catch-all' }]))).toBe('catch-all');
    expect(policy({}, config([{ when: {}, policy: 'catch-all' }]))).toBe('catch-all');
    const unknown = { when: { region: 'north' }, policy: 'typo' } as unknown as AssignRule;
    expect(policy({}, config([unknown, { policy: 'next' }]))).toBe('next');
    const extension = {
      when: { 'x-note': 'whatever', kind: 'incident' },
      policy: 'extended',
    } as unknown as AssignRule;
    expect(policy({}, config([extension]))).toBe('extended');
  });

  it('a priority condition compares with the effective priority (given beats the matrix)', () => {
    const config: PolicyConfig = {
      ...CONFIG,
      sla: { assign: [{ when: { priority: ['P3', 'P4'] }, policy: 'low' }] },
    };
    expect(policy({ impact: 'medium', urgency: 'medium' }, config)).toBe('low'); // P3
    expect(policy({ impact: 'high', urgency: 'high', priority: 'P4' }, config)).toBe('low');
    expect(policy({ impact: 'high', urgency: 'high' }, config)).toBeNull(); // P1
    expect(policy({ impact: undefined, urgency: undefined }, config)).toBeNull(); // no priority at all
  });
});

describe('priority', () => {
  it('the matrix decides when no priority is given', () => {
    expect(priorityFromMatrix(MATRIX, 'high', 'low')).toBe('P3');
    expect(priorityFromMatrix(MATRIX, 'medium', 'high')).toBe('P2');
    expect(priorityFromMatrix(MATRIX, 'severe', 'high')).toBeNull();
    expect(priorityFromMatrix(undefined, 'high', 'high')).toBeNull();
    expect(effectivePriority({ impact: 'low', urgency: 'low' }, MATRIX)).toBe('P4');
    expect(effectivePriority({ priority: 'P1', impact: 'low', urgency: 'low' }, MATRIX)).toBe('P1');
    expect(effectivePriority({}, MATRIX)).toBeNull();
  });
});

describe('durations', () => {
  it('parses minutes, hours and business days, zero included', () => {
    expect(parseDuration('30m')).toEqual({ kind: 'working', minutes: 30 });
    expect(parseDuration('8h')).toEqual({ kind: 'working', minutes: 480 });
    expect(parseDuration('2bd')).toEqual({ kind: 'business-days', days: 2 });
    expect(parseDuration('0m')).toEqual({ kind: 'working', minutes: 0 });
    expect(parseDuration('0bd')).toEqual({ kind: 'business-days', days: 0 });
    expect(parseDuration('250bd')).toEqual({ kind: 'business-days', days: 250 });
  });

  it('rejects what is no duration, with a reason', () => {
    for (const text of ['1d', '1.5h', '-1h', 'h', '8 h', '8H', '', '1bd ', '2w']) {
      expect(parseDuration(text), text).toBeNull();
      expect(durationProblem(text), text).toMatch(/no duration/);
    }
    expect(parseDuration('10001bd')).toBeNull();
    expect(durationProblem('10001bd')).toMatch(/longer than 10000 business days/);
    expect(durationProblem('8h')).toBeNull();
  });

  it('formats as written', () => {
    expect(formatDuration({ kind: 'working', minutes: 90 })).toBe('90m');
    expect(formatDuration({ kind: 'working', minutes: 120 })).toBe('2h');
    expect(formatDuration({ kind: 'working', minutes: 0 })).toBe('0m');
    expect(formatDuration({ kind: 'business-days', days: 3 })).toBe('3bd');
  });
});
