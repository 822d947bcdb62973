/**
 * Tickets that look like the same incident reported twice: the same service, times that
 * overlap, reported within a few hours, and either the same customer or similar titles, while
 * neither is marked as a duplicate nor linked to the other. A warning suggesting `duplicate_of`; never an error (two outages of
 * one service at once do happen).
 *
 * Pure, and not quadratic: tickets are grouped by service and swept in order of their start, each
 * compared only with those that started within the window before it.
 */
import type { RuleFinding } from '../load/rule-finding.ts';

/** What the rule needs of one ticket (collected while its file is checked). */
export interface DuplicateFacts {
  id: string;
  file: string;
  title: string;
  /** The customer, if any: two reports from one customer about one service are suspicious. */
  customer?: string;
  services: string[];
  /** `detected_at` or `reported_at`, epoch ms. */
  start: number;
  /** `resolved_at`, or null while open (JSON-safe: the validation cache stores these). */
  end: number | null;
  /** IDs it is already linked with: `duplicate_of`, `related`, `problem`. */
  linked: string[];
  /** It is a duplicate itself, cancelled, or a maintenance: never suspected. */
  excluded: boolean;
}

/** Two reports of one incident arrive within this time of each other. */
export const SUSPICION_WINDOW_MS = 4 * 60 * 60 * 1000;
/** Share of title words two titles must have in common. */
export const TITLE_SIMILARITY = 0.5;

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

/** The significant words of a title: lowercase letters and digits, three or more characters. */
export function titleWords(title: string): Set<string> {
  const words = new Set<string>();
  for (const w of title
    .replace(/\b(?:INC|REQ|PRB|MNT)-\d{4}-\d+\b/gi, ' ')
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)) {
    if (w.length >= 3 && !STOP_WORDS.has(w)) words.add(w);
  }
  return words;
}

/**
 * Overlap of two word sets relative to the smaller one (1 = one contains the other); 0 when
 * fewer than two words are shared, so one common word ("server") is never enough.
 */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common < 2 ? 0 : common / Math.min(a.size, b.size);
}

/** One warning per suspected ticket (the later one), naming the earliest look-alike. */
export function suspectDuplicates(tickets: readonly DuplicateFacts[]): RuleFinding[] {
  const byService = new Map<string, DuplicateFacts[]>();
  for (const t of tickets) {
    if (t.excluded || typeof t.start !== 'number' || !Number.isFinite(t.start)) continue;
    for (const s of new Set(t.services)) {
      const list = byService.get(s);
      if (list) list.push(t);
      else byService.set(s, [t]);
    }
  }
  const words = new Map<DuplicateFacts, Set<string>>();
  const wordsOf = (t: DuplicateFacts) => {
    let w = words.get(t);
    if (!w) {
      w = titleWords(t.title);
      words.set(t, w);
    }
    return w;
  };
  const suspected = new Map<DuplicateFacts, { of: DuplicateFacts; service: string }>();
  for (const [service, list] of [...byService].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
    let from = 0;
    for (let j = 0; j < list.length; j++) {
      const later = list[j] as DuplicateFacts;
      while ((list[from] as DuplicateFacts).start < later.start - SUSPICION_WINDOW_MS) from++;
      for (let i = from; i < j; i++) {
        const earlier = list[i] as DuplicateFacts;
        if (earlier.id === later.id || (earlier.end !== null && earlier.end < later.start)) continue;
        if (later.linked.includes(earlier.id) || earlier.linked.includes(later.id)) continue;
        const sameCustomer = earlier.customer !== undefined && earlier.customer === later.customer;
        if (!sameCustomer && similarity(wordsOf(earlier), wordsOf(later)) < TITLE_SIMILARITY) continue;
        const known = suspected.get(later);
        if (!known || earlier.start < known.of.start) suspected.set(later, { of: earlier, service });
        break;
      }
    }
  }
  return [...suspected].map(([t, { of, service }]) => ({
    file: t.file,
    code: 'duplicate/suspected',
    severity: 'warning' as const,
    path: ['title'],
    at: 'value' as const,
    message: `looks like ${of.id} reported again (same service "${service}", overlapping time, ${of.customer !== undefined && of.customer === t.customer ? 'same customer' : 'similar title'}); if it is, set \`duplicate_of: ${of.id}\`, else \`related: [${of.id}]\` silences this`,
  }));
}
