/**
 * The main job (`npm run main`, which scripts/quickstart.sh runs) shows the example organisation
 * as of one instant inside its story, `config.exampleAt` in package.json, not as of the wall
 * clock: built "now", the example would age into an incident investigated for weeks and a
 * maintenance long past its window.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../scripts/load/repository.ts';
import { buildSiteModel } from '../../scripts/present/site/model.ts';
import { REPO_ROOT } from '../helpers/cli.ts';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  config?: { exampleAt?: string };
  scripts: Record<string, string>;
};
const exampleAt = pkg.config?.exampleAt ?? '';

describe('the main job', () => {
  it('runs every command as of config.exampleAt and prints it', () => {
    expect(exampleAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const main = pkg.scripts.main ?? '';
    const commands = main.split('&&').map((c) => c.trim());
    expect(commands[0]).toMatch(/^echo .*\$npm_package_config_exampleAt/);
    const opsbook = commands.filter((c) => c.includes('opsbook --'));
    expect(opsbook.map((c) => /opsbook -- (\w+)/.exec(c)?.[1])).toEqual([
      'validate',
      'sla',
      'report',
      'site',
    ]);
    for (const c of opsbook) expect(c, c).toContain('--at $npm_package_config_exampleAt');
    expect(readFileSync(join(REPO_ROOT, 'scripts', 'quickstart.sh'), 'utf8')).toMatch(/^npm run main$/m);
  });

  it('picks an instant with an ongoing incident, a maintenance in progress and one to come', () => {
    const repo = loadRepository(REPO_ROOT);
    if (!repo.config) throw new Error('the example has no opsbook.yaml');
    const model = buildSiteModel({
      audience: 'public',
      at: Date.parse(exampleAt),
      config: repo.config,
      tickets: repo.tickets,
    });
    const active = model.tickets.filter((t) => t.kind === 'incident' && t.active);
    expect(active.map((t) => t.id)).toContain('INC-2026-0012');
    const inProgress = model.tickets.filter((t) => t.kind === 'maintenance' && t.active);
    expect(inProgress.map((t) => [t.id, t.overrunning])).toEqual([['MNT-2026-0002', false]]);
    expect(model.tickets.filter((t) => t.upcoming).map((t) => t.id)).toEqual(['MNT-2026-0003']);
    expect(model.status.indicator).not.toBe('none');
  });
});
