/**
 * How common each title word, customer and reporter is among the tickets of a repository: the
 * duplicate suspicion weighs what two tickets share by how rare it is, so template words of
 * imported titles and the desk's biggest customers say little and a rare word says much.
 *
 * Counted once per run over every ticket, and plain JSON so that a whole-repository run can
 * leave it in the cache for the `--changed-since` runs that check only a few files.
 */

/** What the counts need of one ticket. */
export interface RarityInput {
  title: string;
  customer?: string;
  reporter?: string;
}

/** Per word (customer, reporter): the number of tickets that have it. */
export interface Rarity {
  tickets: number;
  words: Map<string, number>;
  customers: Map<string, number>;
  reporters: Map<string, number>;
}

/** A Rarity as JSON. */
export interface RarityJson {
  tickets: number;
  words: Record<string, number>;
  customers: Record<string, number>;
  reporters: Record<string, number>;
}

const STOP_WORDS = new Set([
  'the',
  'and',
  'for',
  'not',
  'with',
  'from',
  'after',
  'does',
  'cannot',
  'der',
  'die',
  'das',
  'und',
  'nicht',
  'mit',
  'von',
  'nach',
  'bei',
  'ist',
  'ein',
  'eine',
]);

const TICKET_ID_PREFIXES = new Set(['inc', 'req', 'prb', 'mnt']);
const TICKET_ID_TAIL = /^-\d{4}-\d+/;

/**
 * The significant words of a title, each once: lowercase letters and digits, three or more
 * characters, without stop words and ticket IDs.
 */
export function titleWords(title: string): string[] {
  const text = title.toLowerCase();
  const words: string[] = [];
  const add = (w: string) => {
    if (w.length >= 3 && !STOP_WORDS.has(w) && !words.includes(w)) words.push(w);
  };
  // A scan over char codes: this runs for every ticket of the repository, and most titles are
  // ASCII; anything else takes the (several times slower) Unicode path.
  let begin = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c > 127) return unicodeWords(text, add, words);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (begin < 0) begin = i;
      continue;
    }
    if (begin < 0) continue;
    const w = text.slice(begin, i);
    begin = -1;
    if (c === 45 && TICKET_ID_PREFIXES.has(w)) {
      const tail = TICKET_ID_TAIL.exec(text.slice(i, i + 24));
      if (tail) {
        i += tail[0].length - 1;
        continue;
      }
    }
    add(w);
  }
  return words;
}

function unicodeWords(text: string, add: (w: string) => void, words: string[]): string[] {
  words.length = 0;
  for (const w of text
    .replace(/\b(?:inc|req|prb|mnt)-\d{4}-\d+\b/g, ' ')
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u))
    add(w);
  return words;
}

/** Counts over `tickets`; `wordsOf` lets the caller reuse the words it has already split. */
export function countRarity(
  tickets: readonly RarityInput[],
  wordsOf: (t: RarityInput, i: number) => readonly string[] = (t) => titleWords(t.title),
): Rarity {
  const words = new Map<string, number>();
  const customers = new Map<string, number>();
  const reporters = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  tickets.forEach((t, i) => {
    for (const w of wordsOf(t, i)) add(words, w);
    if (t.customer !== undefined) add(customers, t.customer);
    if (t.reporter !== undefined) add(reporters, personKey(t.reporter, t.customer));
  });
  return { tickets: tickets.length, words, customers, reporters };
}

export function rarityToJson(r: Rarity): RarityJson {
  return {
    tickets: r.tickets,
    words: Object.fromEntries(r.words),
    customers: Object.fromEntries(r.customers),
    reporters: Object.fromEntries(r.reporters),
  };
}

/** The Rarity of parsed JSON, or null when it has another shape (a damaged or old cache file). */
export function rarityFromJson(value: unknown): Rarity | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const counts = (c: unknown): Map<string, number> | null => {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return null;
    const m = new Map<string, number>();
    for (const [k, n] of Object.entries(c)) if (typeof n === 'number') m.set(k, n);
    return m;
  };
  const words = counts(r.words);
  const customers = counts(r.customers);
  const reporters = counts(r.reporters);
  if (typeof r.tickets !== 'number' || !words || !customers || !reporters) return null;
  return { tickets: r.tickets, words, customers, reporters };
}

/**
 * Reporters are free text: "Jan Hoffmann" and "jan  hoffmann" are one person, but two customers'
 * Jan Hoffmanns are two.
 */
export function personKey(name: string, customer: string | undefined): string {
  return `${customer ?? ''}\0${name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}
