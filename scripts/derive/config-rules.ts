/**
 * Consistency rules for opsbook.yaml beyond its schema: references between its sections and
 * calendars that make sense. A mistake here is a finding with a line, never a crash or an
 * endless loop later in `opsbook sla`.
 */

import type { RuleFinding } from '../load/rule-finding.ts';
import type { DocPath } from '../load/yaml.ts';
import type { OpsbookConfig } from '../model/types.ts';
import { bidiFieldFindings } from './bidi-controls.ts';
import { type CalendarSpec, checkCalendar, isKnownTimeZone } from './calendar/index.ts';

export const CONFIG_FILE = 'opsbook.yaml';

export function checkConfig(config: OpsbookConfig): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const report = (severity: 'error' | 'warning', code: string, path: DocPath, message: string) =>
    findings.push({ file: CONFIG_FILE, code, severity, path, at: 'value', message });

  if (!isKnownTimeZone(config.organization.timezone)) {
    report(
      'error',
      'config/timezone',
      ['organization', 'timezone'],
      `unknown time zone "${config.organization.timezone}"`,
    );
  }
  // The organisation's and the services' names and descriptions head the public status page.
  findings.push(
    ...bidiFieldFindings(CONFIG_FILE, [
      { path: ['organization', 'name'], text: config.organization.name },
      ...Object.entries(config.services).flatMap(([id, service]) => [
        { path: ['services', id, 'name'], text: service.name },
        { path: ['services', id, 'description'], text: service.description },
      ]),
    ]),
  );
  const teams = config.teams;
  for (const [id, service] of Object.entries(config.services)) {
    if (teams && service.owner && !Object.hasOwn(teams, service.owner)) {
      report(
        'warning',
        'ref/team',
        ['services', id, 'owner'],
        `owner "${service.owner}" is not a team in teams`,
      );
    }
  }
  const calendars = config.calendars ?? {};
  for (const [id, calendar] of Object.entries(calendars)) {
    for (const problem of checkCalendar(calendar as CalendarSpec)) {
      report('error', problem.code, ['calendars', id, ...problem.path], problem.message);
    }
  }
  const policies = config.sla.policies ?? {};
  for (const [id, policy] of Object.entries(policies)) {
    if (!Object.hasOwn(calendars, policy.calendar)) {
      report(
        'error',
        'config/unknown-calendar',
        ['sla', 'policies', id, 'calendar'],
        `policy "${id}" uses unknown calendar "${policy.calendar}"`,
      );
    }
  }
  const reviewCalendar = config.review?.calendar;
  if (reviewCalendar !== undefined && !Object.hasOwn(calendars, reviewCalendar)) {
    report(
      'error',
      'config/unknown-calendar',
      ['review', 'calendar'],
      `review.calendar names unknown calendar "${reviewCalendar}"`,
    );
  }
  const groups = new Set(Object.values(config.services).map((s) => s.group));
  const known: Record<string, (value: string) => boolean> = {
    customer: (v) => Object.hasOwn(config.customers ?? {}, v),
    service: (v) => Object.hasOwn(config.services, v),
    service_group: (v) => groups.has(v),
  };
  (config.sla.assign ?? []).forEach((rule, i) => {
    if (!Object.hasOwn(policies, rule.policy)) {
      report(
        'error',
        'config/unknown-policy',
        ['sla', 'assign', i, 'policy'],
        `unknown SLA policy "${rule.policy}"`,
      );
    }
    for (const [condition, check] of Object.entries(known)) {
      const value = (rule.when as Record<string, string | string[] | undefined>)[condition];
      if (value === undefined) continue;
      (Array.isArray(value) ? value : [value]).forEach((v) => {
        if (!check(v)) {
          report(
            'warning',
            'config/unknown-value',
            ['sla', 'assign', i, 'when', condition],
            `no ${condition.replace('_', ' ')} "${v}" exists; this rule never matches it`,
          );
        }
      });
    }
  });
  findings.push(...notificationFindings(config));
  (config.monitoring?.rules ?? []).forEach((rule, i) => {
    if (!Object.hasOwn(config.services, rule.service)) {
      report(
        'error',
        'config/unknown-service',
        ['monitoring', 'rules', i, 'service'],
        `monitoring rule ${i + 1} names unknown service "${rule.service}"; its alerts would be dropped`,
      );
    }
  });
  if (config.sla.default && !Object.hasOwn(policies, config.sla.default)) {
    report(
      'error',
      'config/unknown-policy',
      ['sla', 'default'],
      `default SLA policy "${config.sla.default}" is not defined in sla.policies`,
    );
  }
  return findings;
}

/** `notifications`: channel ids name sent-log entries, so they must be unique. */
function notificationFindings(config: OpsbookConfig): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const seen = new Set<string>();
  (config.notifications ?? []).forEach((channel, i) => {
    if (seen.has(channel.id)) {
      findings.push({
        file: CONFIG_FILE,
        code: 'notify/duplicate-channel',
        severity: 'error',
        path: ['notifications', i, 'id'],
        at: 'value',
        message: `notification channel id "${channel.id}" is used twice`,
      });
    }
    seen.add(channel.id);
    (channel.services ?? []).forEach((service, j) => {
      if (!Object.hasOwn(config.services, service)) {
        findings.push({
          file: CONFIG_FILE,
          code: 'notify/unknown-service',
          severity: 'error',
          path: ['notifications', i, 'services', j],
          at: 'value',
          message: `channel "${channel.id}" filters on unknown service "${service}"`,
        });
      }
    });
  });
  return findings;
}
