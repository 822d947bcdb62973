import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { formAnswers, matchServices, outageReport, ticketTitle } from '../../scripts/derive/issue-form.ts';
import { githubSettings } from '../../scripts/github/client.ts';
import { breakMentions, fencedText, limitBody, titleText } from '../../scripts/present/github-text.ts';
import { REPO_ROOT } from '../helpers/cli.ts';

const ZWJ = '\u200D';
const SERVICES = { mail: { name: 'E-mail' }, 'erp-hosting': { name: 'ERP hosting' } };

describe('issue form', () => {
  it('reads the sections GitHub renders, with _No response_ as empty', () => {
    const body =
      '### Affected service\n\nERP hosting\n\n### What is happening?\n\nLine 1\n\nLine 2\r\n\r\n### Since when?\n\n_No response_\n\n### Impact\n\nmedium\n';
    expect(formAnswers(body)).toEqual({
      service: 'ERP hosting',
      description: 'Line 1\n\nLine 2',
      since: null,
      impact: 'medium',
    });
  });

  it('matches services by id, name, "Name (id)" and comma lists', () => {
    expect(matchServices('mail', SERVICES)).toEqual(['mail']);
    expect(matchServices('e-mail', SERVICES)).toEqual(['mail']);
    expect(matchServices('ERP hosting (erp-hosting)', SERVICES)).toEqual(['erp-hosting']);
    expect(matchServices('E-mail, ERP hosting', SERVICES)).toEqual(['mail', 'erp-hosting']);
    expect(matchServices('E-mail, Coffee', SERVICES)).toBe(null);
    expect(matchServices('constructor', SERVICES)).toBe(null);
    expect(matchServices('toString (toString)', SERVICES)).toBe(null);
  });

  it('turns the answers into a report, or says what is missing', () => {
    expect(
      outageReport(
        { service: 'mail', description: 'Down', impact: 'High – everyone', urgency: 'low' },
        SERVICES,
      ),
    ).toEqual({
      report: {
        services: ['mail'],
        description: 'Down',
        since: null,
        impact: 'high',
        urgency: 'low',
        contact: null,
      },
      problems: [],
    });
    expect(
      outageReport({ service: 'mail', description: 'Down', impact: 'low' }, SERVICES).report?.urgency,
    ).toBe('high');
    expect(
      outageReport({ service: null, description: null, impact: 'huge', urgency: 'soon' }, SERVICES),
    ).toEqual({
      report: null,
      problems: [
        'the affected service is missing',
        'the description of what is happening is missing',
        'the impact (high, medium or low) is missing',
        'the urgency must be high, medium or low',
      ],
    });
    expect(outageReport({}, SERVICES).problems).toEqual([
      'the issue was not written with the "Report an outage" form',
    ]);
  });

  it('makes a one-line title of at most 200 characters without the form tag', () => {
    expect(ticketTitle('[Outage]: Mail\ndown\u0000  now')).toBe('Mail down now');
    expect(ticketTitle('Outage: Mail down')).toBe('Mail down');
    expect(ticketTitle('Outage: ')).toBe(null);
    expect(ticketTitle('[Outage] ')).toBe(null);
    expect(ticketTitle('x'.repeat(300))).toHaveLength(200);
  });
});

describe('GitHub text guards', () => {
  it('breaks every mention once', () => {
    expect(breakMentions('@a and @org/team, mail@example.com')).toBe(
      `@${ZWJ}a and @${ZWJ}org/team, mail@${ZWJ}example.com`,
    );
    expect(breakMentions(breakMentions('@a'))).toBe(`@${ZWJ}a`);
  });

  it('fences text so it cannot close its fence', () => {
    expect(fencedText('a ``` b\n````\n')).toBe('`````text\na ``` b\n````\n`````');
    expect(fencedText('plain')).toBe('```text\nplain\n```');
  });

  it('cuts bodies at a line with a note, and titles to 256 characters', () => {
    expect(limitBody('short', 'note')).toBe('short');
    const cut = limitBody('aaaa\nbbbb\ncccc\ndddd\neeee\nffff\n', 'more elsewhere', 25);
    expect(cut).toBe('aaaa\n\n… more elsewhere\n');
    expect(cut.length).toBeLessThanOrEqual(25);
    expect(titleText(`@x ${'y'.repeat(300)}`)).toHaveLength(256);
  });
});

describe('githubSettings', () => {
  const env = { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'acme/ops' };
  it('reads the environment, with flags first', () => {
    expect(githubSettings({}, env)).toEqual({
      token: 't',
      owner: 'acme',
      repo: 'ops',
      baseUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
      waitScale: 1,
      botLogin: null,
    });
    expect(githubSettings({ 'bot-login': 'my-app[bot]' }, env).botLogin).toBe('my-app[bot]');
    expect(githubSettings({}, { ...env, OPSBOOK_GITHUB_BOT_LOGIN: 'Desk-Person' }).botLogin).toBe(
      'Desk-Person',
    );
    expect(
      githubSettings(
        { repo: 'o/r.x', 'api-url': 'https://ghe.example/api/v3/' },
        { ...env, GITHUB_API_URL: 'x' },
      ),
    ).toMatchObject({ owner: 'o', repo: 'r.x', baseUrl: 'https://ghe.example/api/v3' });
  });
  it('refuses what it cannot use, with one line', () => {
    expect(() => githubSettings({ 'api-url': 'ftp://x' }, env)).toThrow(
      '--api-url "ftp://x" must be an http(s) URL',
    );
    expect(() => githubSettings({ repo: 'acme/..' }, env)).toThrow(
      '--repo "acme/.." is not of the form owner/name',
    );
    expect(() => githubSettings({}, { ...env, OPSBOOK_GITHUB_WAIT_SCALE: '-1' })).toThrow(
      'OPSBOOK_GITHUB_WAIT_SCALE "-1" must be a number >= 0',
    );
  });
});

describe('the "Report an outage" form of .github/', () => {
  const formFile = join(REPO_ROOT, '.github/ISSUE_TEMPLATE/report-outage.yml');
  it.skipIf(!existsSync(formFile))('is read back by the parser, field by field', () => {
    type Field = { type: string; attributes: { label?: string; options?: string[] } };
    const form = load(readFileSync(formFile, 'utf8')) as { body: Field[] };
    const config = load(readFileSync(join(REPO_ROOT, 'opsbook.yaml'), 'utf8')) as {
      services: Record<string, { name: string }>;
    };
    const sample: Record<string, string> = { textarea: 'Nothing works.', input: '_No response_' };
    // As GitHub renders an issue written with the form: each answer under its label.
    const body = form.body
      .filter((f) => f.type !== 'markdown')
      .map((f) => `### ${f.attributes.label}\n\n${f.attributes.options?.[0] ?? sample[f.type]}\n`)
      .join('\n');
    const { report, problems } = outageReport(formAnswers(body), config.services);
    expect(problems).toEqual([]);
    expect(report?.description).toBe('Nothing works.');
    for (const f of form.body) {
      for (const option of f.attributes.label === 'Affected service' ? (f.attributes.options ?? []) : []) {
        expect(matchServices(option, config.services), option).toHaveLength(1);
      }
    }
  });
});
