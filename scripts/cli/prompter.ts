/**
 * Asking for what the flags did not give, on a terminal: a wrong answer is explained and asked
 * again, alone, and earlier answers are kept; without a terminal a missing required value names
 * its flag. Used by `opsbook new`.
 */
import { createInterface } from 'node:readline/promises';
import { parseInstantFlag } from '../lib/args.ts';
import { ExitError } from '../lib/errors.ts';
import type { CommandIo } from '../lib/io.ts';

/** Epoch ms of an ISO instant with offset, or a sentence saying what is wrong with it. */
export function instantOf(value: string, flag: string): number | string {
  try {
    return parseInstantFlag(value, flag);
  } catch (error) {
    return (error as Error).message;
  }
}

export type Parsed<T> = { value: T } | { error: string };

/**
 * Asks for missing values on a terminal. A wrong answer is explained and asked again, alone;
 * without a terminal a missing required value names its flag.
 */
export class Prompter {
  private readonly io: CommandIo;
  readonly interactive: boolean;
  private rl: ReturnType<typeof createInterface> | undefined;

  constructor(io: CommandIo, noInput: boolean) {
    this.io = io;
    this.interactive = !noInput && Boolean(io.stdin.isTTY) && !io.env.CI;
  }

  private async ask(question: string): Promise<string> {
    this.rl ??= createInterface({
      input: this.io.stdin,
      output: this.io.stderr as NodeJS.WritableStream,
      terminal: false,
    });
    return (await this.rl.question(`${question}: `)).trim();
  }

  /** A value from its flag, or asked for until `parse` accepts it. */
  async answer<T>(q: {
    label: string;
    flag: string;
    given?: string;
    missing: string;
    parse: (answer: string) => Parsed<T>;
  }): Promise<T> {
    if (q.given !== undefined) {
      const parsed = q.parse(q.given.trim());
      if ('error' in parsed)
        throw new ExitError(
          parsed.error.startsWith(`--${q.flag}`) ? parsed.error : `--${q.flag}: ${parsed.error}`,
        );
      return parsed.value;
    }
    if (!this.interactive) throw new ExitError(q.missing);
    for (;;) {
      const parsed = q.parse(await this.ask(q.label));
      if ('value' in parsed) return parsed.value;
      this.io.stderr.write(`  ${parsed.error}; please answer again\n`);
    }
  }

  async text(q: {
    label: string;
    flag: string;
    given: string | undefined;
    required: boolean;
  }): Promise<string> {
    if (!q.required && q.given === undefined && !this.interactive) return '';
    return this.answer<string>({
      label: q.label,
      flag: q.flag,
      given: q.given,
      missing: `--${q.flag} is required (no terminal to ask on)`,
      parse: (answer) => (answer === '' && q.required ? { error: 'an answer is needed' } : { value: answer }),
    });
  }

  async choice(
    label: string,
    flag: string,
    given: string | undefined,
    allowed: readonly string[],
  ): Promise<string> {
    return this.answer<string>({
      label: `${label} (${allowed.join('/')})`,
      flag,
      given,
      missing: `--${flag} is required (${allowed.join(', ')})`,
      parse: (answer) =>
        allowed.includes(answer)
          ? { value: answer }
          : { error: `"${answer}" is not one of ${allowed.join(', ')}` },
    });
  }

  /** An optional choice: empty (or `emptyMeans`) leaves it out; asked only on a terminal. */
  async optionalChoice(
    label: string,
    flag: string,
    given: string | undefined,
    allowed: readonly string[],
    emptyMeans: string,
  ): Promise<string | undefined> {
    if (given === undefined && (!this.interactive || allowed.length === 0)) return undefined;
    const value = await this.answer<string>({
      label: `${label} (${allowed.join('/')}; empty: ${emptyMeans})`,
      flag,
      given,
      missing: '',
      parse: (answer): Parsed<string> =>
        answer === '' || answer === emptyMeans
          ? { value: '' }
          : allowed.includes(answer)
            ? { value: answer }
            : { error: `"${answer}" is not one of ${allowed.join(', ')}` },
    });
    return value === ''
      ? emptyMeans === 'none' || emptyMeans === 'internal'
        ? undefined
        : emptyMeans
      : value;
  }

  async instant(label: string, flag: string, given: string | undefined): Promise<number> {
    return this.answer<number>({
      label,
      flag,
      given,
      missing: `--${flag} is required (no terminal to ask on)`,
      parse: (answer) => {
        const ms = instantOf(answer, flag);
        return typeof ms === 'string' ? { error: ms } : { value: ms };
      },
    });
  }

  close(): void {
    this.rl?.close();
  }
}
