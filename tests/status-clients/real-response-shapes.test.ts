/**
 * Opsbook's documents against real responses of Statuspage pages (tests/fixtures/statuspage-real,
 * whose README names where each comes from): every key a real response has, at every level (page,
 * components[], incidents[], incident_updates[], affected_components[], scheduled_maintenances[],
 * status), exists in ours with the same JSON type. Allowed differences:
 *
 * - a key that is `null` in a real response somewhere (at the same place in any of the files) may
 *   be `null` in ours, and a real `null` accepts any value of ours: the field is optional there;
 * - ours may have more keys than a real response (a group's `components`, for example);
 * - values are not compared (ids, texts and instants are the page's own).
 *
 * Ours are the documents of tests/fixtures/statuspage-clients during its maintenance window
 * (open incidents with affected components, a maintenance in progress, groups) and of the shipped
 * example.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT } from '../helpers/cli.ts';
import {
  BUILD_TIMEOUT,
  type Build,
  buildFixtureAt,
  buildPublic,
  DURING_WINDOW,
  EXAMPLE_AT,
} from '../helpers/client-builds.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const REAL = join(FIXTURES, 'statuspage-real');
const real = (file: string) => JSON.parse(readFileSync(join(REAL, file), 'utf8')) as Json;

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Where a value is null in any real response, by path with `[]` for array elements. */
function nullPaths(value: Json, path: string, into: Set<string>): Set<string> {
  if (value === null) into.add(path);
  else if (Array.isArray(value)) for (const item of value) nullPaths(item, `${path}[]`, into);
  else if (typeof value === 'object')
    for (const [key, item] of Object.entries(value)) nullPaths(item, `${path}.${key}`, into);
  return into;
}

/** Where ours lacks a key of the real response or gives it another type, one line each. */
function shapeFindings(realValue: Json, ours: Json, path: string, nullable: Set<string>): string[] {
  if (realValue === null) return [];
  if (ours === null)
    return nullable.has(path) ? [] : [`${path}: null, the real one is ${jsonType(realValue)}`];
  if (jsonType(realValue) !== jsonType(ours))
    return [`${path}: ${jsonType(ours)}, the real one is ${jsonType(realValue)}`];
  if (Array.isArray(realValue) && Array.isArray(ours)) {
    if (realValue.length > 0 && ours.length === 0) return [`${path}: empty in ours, nothing to compare`];
    return realValue.flatMap((item) =>
      ours.flatMap((mine) => shapeFindings(item, mine, `${path}[]`, nullable)),
    );
  }
  if (typeof realValue === 'object' && typeof ours === 'object' && !Array.isArray(realValue)) {
    const mine = ours as { [key: string]: Json };
    return Object.entries(realValue).flatMap(([key, item]) =>
      key in mine
        ? shapeFindings(item, mine[key] as Json, `${path}.${key}`, nullable)
        : [`${path}.${key}: missing`],
    );
  }
  return [];
}

describe("Opsbook's Statuspage documents have the shape of real responses", () => {
  let fixture: { builds: Build[]; cleanup: () => void };
  let example: Build;
  const nullable = new Set<string>();

  beforeAll(async () => {
    fixture = await buildFixtureAt([DURING_WINDOW]);
    example = await buildPublic(REPO_ROOT, EXAMPLE_AT);
    const githubIncidents = real('githubstatus-incidents.json') as { incidents: Json };
    const huobi = real('huobi-summary.json') as { scheduled_maintenances: Json };
    for (const [value, path] of [
      [real('githubstatus-incidents.json'), ''],
      [real('githubstatus-components.json'), ''],
      [real('huobi-summary.json'), ''],
      // The same objects as they appear in the other documents.
      [githubIncidents.incidents, '.incidents'],
      [huobi.scheduled_maintenances, '.scheduled_maintenances'],
    ] as [Json, string][])
      nullPaths(value, path, nullable);
  }, BUILD_TIMEOUT);

  afterAll(() => {
    fixture?.cleanup();
    example?.cleanup();
  });

  const ours = (path: string): Json[] =>
    [fixture.builds[0] as Build, example].map(
      (build) => JSON.parse(readFileSync(join(build.dir, path), 'utf8')) as Json,
    );

  it('incidents.json has every key of githubstatus.com incidents.json', () => {
    for (const document of ours('api/v2/incidents.json'))
      expect(shapeFindings(real('githubstatus-incidents.json'), document, '', nullable)).toEqual([]);
  });

  it('components.json has every key of githubstatus.com components.json', () => {
    for (const document of ours('api/v2/components.json'))
      expect(shapeFindings(real('githubstatus-components.json'), document, '', nullable)).toEqual([]);
  });

  it("summary.json has every key of Huobi's summary.json, its incidents and maintenances included", () => {
    const [during] = ours('api/v2/summary.json');
    expect(shapeFindings(real('huobi-summary.json'), during as Json, '', nullable)).toEqual([]);
  });

  it("scheduled-maintenances.json entries have every key of Huobi's scheduled maintenance", () => {
    const huobi = real('huobi-summary.json') as { scheduled_maintenances: Json };
    for (const document of ours('api/v2/scheduled-maintenances.json')) {
      const list = (document as { scheduled_maintenances: Json }).scheduled_maintenances;
      expect(shapeFindings(huobi.scheduled_maintenances, list, '.scheduled_maintenances', nullable)).toEqual(
        [],
      );
    }
  });

  it('finds a missing key, a changed type and an unexpected null', () => {
    const realPage = { page: { id: 'x', url: 'u', updated_at: 't' }, list: [{ n: 1, d: 'text' }] };
    const broken = { page: { id: 'x', url: 3 }, list: [{ n: 1, d: null }] };
    expect(shapeFindings(realPage, broken, '', new Set())).toEqual([
      '.page.url: number, the real one is string',
      '.page.updated_at: missing',
      '.list[].d: null, the real one is string',
    ]);
    expect(shapeFindings(realPage, broken, '', new Set(['.list[].d']))).toHaveLength(2);
  });
});
