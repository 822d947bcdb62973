/**
 * Rows of a CSV export, streamed: a byte order mark is dropped, the separator (`;` or `,`) is
 * taken from the header line, quoted fields may hold separators and line breaks. Each row
 * carries its number and the file line it starts on, for messages that point at it.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse';
import { ExitError } from '../lib/errors.ts';

export interface CsvRow {
  /** 1-based number of the data row (the header is not counted). */
  row: number;
  /** 1-based line of the file on which the row starts. */
  line: number;
  /** The cell of each column; of a name the header repeats (Jira's multi-value fields), the first. */
  cells: Record<string, string>;
  /** Every cell of a name the header repeats, in order. */
  repeated: Record<string, string[]>;
}

/** The separator of the header line: the one of `;` and `,` found more often outside quotes. */
function detectSeparator(headerLine: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

function headerLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const end = text.search(/\r?\n/);
    return end === -1 ? text : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

/** The header's column names and the rows of a CSV file, one at a time. */
export async function* readCsv(file: string, label: string): AsyncGenerator<CsvRow, void, undefined> {
  let header: string;
  try {
    header = headerLine(file);
  } catch (error) {
    throw new ExitError(
      `cannot read ${label}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      delimiter: detectSeparator(header),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }),
  );
  let row = 0;
  let nextLine = 2;
  let names: string[] | undefined;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (names === undefined) {
        names = record.record.map((n) => n.trim());
        nextLine = record.info.lines + 1;
        continue;
      }
      if (record.record.length !== names.length) {
        throw new ExitError(
          `${label} line ${nextLine}: ${record.record.length} fields where the header has ${names.length}`,
        );
      }
      row++;
      const cells: Record<string, string> = {};
      const repeated: Record<string, string[]> = {};
      names.forEach((name, i) => {
        const value = record.record[i] ?? '';
        if (!Object.hasOwn(cells, name)) cells[name] = value;
        else {
          repeated[name] ??= [cells[name] ?? ''];
          repeated[name].push(value);
        }
      });
      yield { row, line: nextLine, cells, repeated };
      nextLine = record.info.lines + 1;
    }
  } catch (error) {
    const e = error as { code?: string; message: string; lines?: number };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new ExitError(
        `${label} line ${e.lines ?? nextLine}: ${e.message.replace(/^Invalid Record Length: /, '')}`,
      );
    }
    throw error;
  }
}
