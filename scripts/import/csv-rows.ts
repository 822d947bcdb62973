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
  cells: Record<string, string>;
}

/** The separator of the header line: the one of `;` and `,` found more often outside quotes. */
export function detectSeparator(headerLine: string): ';' | ',' {
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
      columns: (names: string[]) => names.map((n) => n.trim()),
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }),
  );
  let row = 0;
  let nextLine = 2;
  try {
    for await (const record of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      row++;
      yield { row, line: nextLine, cells: record.record };
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
