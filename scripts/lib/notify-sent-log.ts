/**
 * The sent-log of `opsbook notify`: which event each channel has received, so a second run over
 * the same range sends nothing. Keyed by channel id and event id; written atomically after every
 * delivery, so an interrupted run forgets nothing it has sent. A missing or unreadable log is an
 * empty one (it is a cache: CI starts without it).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';

const SENT_LOG = join('.opsbook-cache', 'notify-sent.json');

interface LogFile {
  version: 1;
  /** `<channel id> <event id>` → the instant of the run that sent it. */
  sent: Record<string, string>;
}

export class SentLog {
  readonly #path: string;
  readonly #data: LogFile;

  constructor(root: string) {
    this.#path = join(root, SENT_LOG);
    this.#data = { version: 1, sent: {} };
    try {
      const parsed = JSON.parse(readFileSync(this.#path, 'utf8')) as Partial<LogFile>;
      if (parsed.version === 1 && parsed.sent && typeof parsed.sent === 'object') {
        this.#data.sent = { ...parsed.sent };
      }
    } catch {
      // No log yet, or a damaged one: every event is new.
    }
  }

  static key(channel: string, event: string): string {
    return `${channel} ${event}`;
  }

  has(channel: string, event: string): boolean {
    return Object.hasOwn(this.#data.sent, SentLog.key(channel, event));
  }

  record(channel: string, event: string, at: string): void {
    this.#data.sent[SentLog.key(channel, event)] = at;
    mkdirSync(join(this.#path, '..'), { recursive: true });
    writeFileAtomic(this.#path, `${JSON.stringify(this.#data, null, 1)}\n`);
  }
}
