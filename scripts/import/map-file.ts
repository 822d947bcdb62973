/**
 * The map file (`--map FILE`, schemas/import-map.schema.json) and the lookups every source
 * makes through it: which column holds a field, which cells are empty, how a value translates
 * and how a date reads. The map comes first; the source's built-in defaults fill the rest.
 */
import { readFileSync } from 'node:fs';
import { JSON_SCHEMA, load } from 'js-yaml';
import { ExitError } from '../lib/errors.ts';
import { checkAgainstSchema } from '../load/schema-validation.ts';
import type { ImportMap } from '../model/schema-types.generated.ts';
import type { OpsbookConfig } from '../model/types.ts';
import { type DateParser, dateParser, isTimeZone, parseIsoInstant } from './dates.ts';
import { UnmappableValue } from './model.ts';

export type { ImportMap };
export type Field = Exclude<keyof NonNullable<ImportMap['columns']>, `x-${string}`>;
type ValueField = Exclude<keyof NonNullable<ImportMap['values']>, `x-${string}`>;

/** Reads and checks a map file; exit 2 naming the file and the field when it is wrong. */
export function readMapFile(path: string, label: string): ImportMap {
  let data: unknown;
  try {
    data = load(readFileSync(path, 'utf8'), { schema: JSON_SCHEMA, filename: label });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { mark?: { line: number } };
    if (e.code) throw new ExitError(`cannot read the map ${label}: ${e.code}`);
    throw new ExitError(`${label}${e.mark ? ` line ${e.mark.line + 1}` : ''}: not valid YAML`);
  }
  data ??= {};
  const check = checkAgainstSchema('import-map', data);
  const first = check.ok ? undefined : check.problems[0];
  if (first) throw new ExitError(`${label}: ${first.path.join('.') || 'the map'}: ${first.message}`);
  if (!check.ok) throw new ExitError(`${label}: the map does not match the schema`);
  const map = check.value;
  if (map.dates?.timezone && !isTimeZone(map.dates.timezone))
    throw new ExitError(`${label}: dates.timezone "${map.dates.timezone}" is not a known time zone`);
  return map;
}

/** Lookups for one input, with the source's default columns, date format and translations. */
export class Mapper {
  readonly timeZone: string;
  private readonly empty: Set<string>;
  private readonly parseLocal: DateParser;
  readonly map: ImportMap;
  /** The ids of opsbook.yaml's services, teams and customers by their lowercase name. */
  private readonly byName: Record<'services' | 'teams' | 'customers', Map<string, string>>;

  constructor(map: ImportMap, orgTimeZone: string, defaultDateFormat: string, config?: OpsbookConfig) {
    this.map = map;
    const names = (section: Record<string, { name: string }> | undefined) =>
      new Map(Object.entries(section ?? {}).map(([id, entry]) => [entry.name.toLowerCase(), id]));
    this.byName = {
      services: names(config?.services),
      teams: names(config?.teams),
      customers: names(config?.customers),
    };
    this.timeZone = map.dates?.timezone ?? orgTimeZone;
    this.empty = new Set(['', ...(map.empty ?? [])]);
    this.parseLocal = dateParser(map.dates?.format ?? defaultDateFormat, this.timeZone);
  }

  /** The column of `field`: the map's, else the first default the header has. */
  column(field: Field, header: readonly string[], defaults: readonly string[]): string | undefined {
    const mapped = this.map.columns?.[field];
    if (mapped) return mapped;
    return defaults.find((c) => header.includes(c));
  }

  /** A cell's trimmed text, or undefined when it is empty or one of the map's empty values. */
  cell(cells: Record<string, string>, column: string | undefined): string | undefined {
    if (column === undefined) return undefined;
    const raw = cells[column];
    if (raw === undefined) return undefined;
    const text = raw.trim();
    return this.empty.has(text) ? undefined : text;
  }

  /** The id opsbook.yaml already has for an entry of this name, if any. */
  knownId(section: 'services' | 'teams' | 'customers', name: string): string | undefined {
    return this.byName[section].get(name.toLowerCase());
  }

  isEmpty(text: string): boolean {
    return this.empty.has(text.trim());
  }

  /** Their value → ours: the map's translation, else the built-in one (case-insensitive), else null. */
  translate(field: ValueField, raw: string, builtin: Readonly<Record<string, string>> = {}): string | null {
    const own = this.map.values?.[field];
    if (own && Object.hasOwn(own, raw)) return own[raw] ?? null;
    const key = raw.toLowerCase();
    for (const [k, v] of Object.entries(builtin)) if (k.toLowerCase() === key) return v;
    return null;
  }

  /** Like translate, but an unknown value skips the record with a message naming the field. */
  require<T extends string>(
    field: ValueField,
    raw: string,
    builtin: Readonly<Record<string, string>>,
    allowed: readonly T[],
  ): T {
    const value = this.translate(field, raw, builtin);
    if (value === null)
      throw new UnmappableValue(field, `unknown ${field} "${raw}" (add it to values.${field} in the map)`);
    if (!(allowed as readonly string[]).includes(value))
      throw new UnmappableValue(
        field,
        `values.${field} maps "${raw}" to "${value}", which is none of ${allowed.join(', ')}`,
      );
    return value as T;
  }

  /** A date cell as epoch ms: the map's or source's format in its zone, or ISO with an offset. */
  date(field: string, text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const ms = this.parseLocal(text) ?? parseIsoInstant(text);
    if (ms === null) {
      const format = this.map.dates?.format;
      throw new UnmappableValue(
        field,
        `cannot read the date "${text}"${format ? ` as ${format}` : ''} (set dates.format in the map)`,
      );
    }
    return ms;
  }

  url(id: string): string | undefined {
    return this.map.url?.replaceAll('{id}', encodeURIComponent(id));
  }
}
