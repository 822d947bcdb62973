/**
 * Tickets that look like the same incident reported twice: on one service, reported within a
 * few hours of each other, sharing something that is unlikely to be shared by chance (the
 * reporter, the customer, rare title words), and neither marked as a duplicate nor linked to the
 * other. A warning suggesting `duplicate_of`; never an error (two outages of one service at once
 * do happen).
 *
 * The measure is the number of look-alikes that chance alone would give: the tickets reported on
 * that service between the two, times the probability that a random ticket shares what the
 * earlier one shares with the later one (taken from how often the reporter, the customer or the
 * rarest shared title word occur in the repository). A busy service therefore needs more in
 * common than a quiet one, and words or customers on most tickets count for nothing.
 *
 * Pure, and not quadratic: tickets are swept per service in order of their start, and each is
 * compared only with the tickets in the window before it that have its reporter, its customer
 * or one of its rare title words (found through per-window indexes).
 */
import type { RuleFinding } from '../load/rule-finding.ts';
import { personKey, type Rarity, titleWords } from './duplicate-rarity.ts';

/** What the rule needs of one ticket (collected while its file is checked). */
export interface DuplicateFacts {
  id: string;
  file: string;
  title: string;
  /** The customer, if any. */
  customer?: string;
  /** `reported_by`, if any. */
  reporter?: string;
  services: string[];
  /** `detected_at` or `reported_at`, epoch ms. */
  start: number;
  /** IDs it is already linked with: `duplicate_of`, `related`, `problem`. */
  linked: string[];
  /** It is a duplicate itself, cancelled, or a maintenance: never suspected. */
  excluded: boolean;
}

/** Two reports of one incident arrive within this time of each other. */
const SUSPICION_WINDOW_MS = 4 * 60 * 60 * 1000;
/**
 * Suspected when chance alone explains fewer look-alikes than this: by chance about one ticket
 * in 400 per kind of evidence, whatever the desk's size and load.
 */
const CHANCE_LIMIT = 0.0025;
/**
 * Frequencies are taken over at least this many tickets: in a young repository every customer
 * and word is "frequent", which says nothing yet.
 */
const MIN_TICKETS = 2000;
/** A title word on more than this share of tickets (a template word) carries no weight. */
const COMMON_WORD_SHARE = 0.1;
/** A customer or reporter on more than this share of tickets (a catch-all account) does not count. */
const COMMON_PERSON_SHARE = 0.05;
/** Weighted share of title words two titles must have in common to count as similar. */
const TITLE_SIMILARITY = 0.5;

/**
 * Similarity of two weighted titles: the weight they share relative to the lighter title
 * (1 = one contains the other); 0 when fewer than two weighty words are shared, so one common
 * word ("server") is never enough. `weight` gives each word's weight (0: it does not count).
 */
export function similarity(
  a: readonly number[],
  b: readonly number[],
  weight: (word: number) => number,
): number {
  let common = 0;
  let shared = 0;
  let wa = 0;
  let wb = 0;
  for (const w of a) {
    const x = weight(w);
    wa += x;
    if (x > 0 && b.includes(w)) {
      common++;
      shared += x;
    }
  }
  if (common < 2) return 0;
  for (const w of b) wb += weight(w);
  return shared / Math.min(wa, wb);
}

/** Findings, and the counts they were weighed with (for the cache of a whole-repository run). */
export interface Suspicion {
  findings: RuleFinding[];
  rarity: () => Rarity;
}

/** The findings of duplicateSuspicion. */
export function suspectDuplicates(tickets: readonly DuplicateFacts[], rarity?: Rarity): RuleFinding[] {
  return duplicateSuspicion(tickets, rarity).findings;
}

/** Strings numbered in order of appearance, with a count per number. */
class Counter {
  readonly ids = new Map<string, number>();
  readonly counts: number[] = [];
  add(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.counts.length;
      this.ids.set(key, id);
      this.counts.push(0);
    }
    this.counts[id] = (this.counts[id] as number) + 1;
    return id;
  }
  /** Replaces the counts by those of `known` (words it does not know: 0). */
  recount(known: ReadonlyMap<string, number>): void {
    for (const [key, id] of this.ids) this.counts[id] = known.get(key) ?? 0;
  }
  toMap(): Map<string, number> {
    return new Map([...this.ids].map(([key, id]) => [key, this.counts[id] as number]));
  }
}

const NONE = -1;

/**
 * One warning per suspected ticket (the later one), naming the earliest look-alike. `rarity`
 * defaults to counts over `tickets` (pass the whole repository's when checking only a few).
 */
export function duplicateSuspicion(tickets: readonly DuplicateFacts[], rarity?: Rarity): Suspicion {
  // Words, customers and reporters as numbers: compared and looked up many times each.
  const words = new Counter();
  const customers = new Counter();
  const reporters = new Counter();
  const titles = tickets.map((t) => titleWords(t.title).map((w) => words.add(w)));
  const customerOf = tickets.map((t) => (t.customer === undefined ? NONE : customers.add(t.customer)));
  const reporterOf = tickets.map((t) =>
    t.reporter === undefined ? NONE : reporters.add(personKey(t.reporter, t.customer)),
  );
  if (rarity) {
    words.recount(rarity.words);
    customers.recount(rarity.customers);
    reporters.recount(rarity.reporters);
  }
  const total = Math.max(rarity?.tickets ?? tickets.length, MIN_TICKETS);
  // How often a random other ticket has it: the later ticket of a pair does not count (leave one
  // out), the earlier one always does, whatever an older count says.
  const shareOf = (counts: number[]) => Float64Array.from(counts, (n) => Math.max(n - 1, 1) / total);
  const wordShare = shareOf(words.counts);
  const customerShare = shareOf(customers.counts);
  const reporterShare = shareOf(reporters.counts);
  const idf = Float64Array.from(wordShare, (s) => (s > COMMON_WORD_SHARE ? 0 : Math.log(1 / s)));
  const weight = (w: number) => idf[w] as number;

  // Index keys: the rare words, then customers, then reporters, each a number.
  const customerKey = words.counts.length;
  const reporterKey = customerKey + customers.counts.length;
  const keysOf = (k: number): number[] => {
    const keys: number[] = [];
    for (const w of titles[k] as number[]) if ((wordShare[w] as number) <= CHANCE_LIMIT) keys.push(w);
    const c = customerOf[k] as number;
    if (c !== NONE && (customerShare[c] as number) <= COMMON_PERSON_SHARE) keys.push(customerKey + c);
    const r = reporterOf[k] as number;
    if (r !== NONE && (reporterShare[r] as number) <= COMMON_PERSON_SHARE) keys.push(reporterKey + r);
    return keys;
  };

  /** Probability that a random ticket shares with `later` what `earlier` does, and why; null: nothing. */
  const evidence = (earlier: number, later: number): { p: number; why: string[] } | null => {
    let p = 1;
    const why: string[] = [];
    const r = reporterOf[later] as number;
    const c = customerOf[later] as number;
    // The reporter implies the customer, so the rarer of the two counts, not both.
    if (r !== NONE && reporterOf[earlier] === r && (reporterShare[r] as number) <= COMMON_PERSON_SHARE) {
      p *= reporterShare[r] as number;
      why.push('same reporter');
    } else if (
      c !== NONE &&
      customerOf[earlier] === c &&
      (customerShare[c] as number) <= COMMON_PERSON_SHARE
    ) {
      p *= customerShare[c] as number;
      why.push('same customer');
    }
    const a = titles[earlier] as number[];
    const b = titles[later] as number[];
    if (similarity(a, b, weight) >= TITLE_SIMILARITY) {
      // Only the rarest shared word: the words of one phrase ("crashes on start") come together.
      let rarest = 1;
      for (const w of b) if (a.includes(w)) rarest = Math.min(rarest, wordShare[w] as number);
      p *= rarest;
      why.push('similar title');
    }
    return why.length === 0 ? null : { p, why };
  };

  const byService = new Map<string, number[]>();
  tickets.forEach((t, k) => {
    if (t.excluded || typeof t.start !== 'number' || !Number.isFinite(t.start)) return;
    for (const s of new Set(t.services)) {
      const list = byService.get(s);
      if (list) list.push(k);
      else byService.set(s, [k]);
    }
  });
  const starts = Float64Array.from(tickets, (t) => t.start);
  const keys: (number[] | undefined)[] = [];

  const suspected = new Map<number, { of: number; service: string; why: string[] }>();
  for (const [service, list] of [...byService].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const idOf = (k: number) => (tickets[k] as DuplicateFacts).id;
    list.sort((a, b) => (starts[a] as number) - (starts[b] as number) || (idOf(a) < idOf(b) ? -1 : 1));
    // Per key: positions in `list`, oldest first; those before `from` have left the window.
    const index = new Map<number, number[]>();
    const seen = new Int32Array(list.length).fill(-1);
    let from = 0;
    for (let j = 0; j < list.length; j++) {
      const later = list[j] as number;
      const laterFacts = tickets[later] as DuplicateFacts;
      const windowStart = (starts[later] as number) - SUSPICION_WINDOW_MS;
      while ((starts[list[from] as number] as number) < windowStart) from++;
      let best: { i: number; why: string[] } | undefined;
      keys[later] ??= keysOf(later);
      for (const key of keys[later]) {
        const positions = index.get(key);
        if (!positions) {
          index.set(key, [j]);
          continue;
        }
        let stale = 0;
        while (stale < positions.length && (positions[stale] as number) < from) stale++;
        if (stale > 0) positions.splice(0, stale);
        for (const i of positions) {
          if (seen[i] === j || (best && best.i <= i)) continue;
          seen[i] = j;
          const earlier = list[i] as number;
          const earlierFacts = tickets[earlier] as DuplicateFacts;
          if (earlierFacts.id === laterFacts.id) continue;
          if (laterFacts.linked.includes(earlierFacts.id) || earlierFacts.linked.includes(laterFacts.id))
            continue;
          const found = evidence(earlier, later);
          // j − i: the tickets reported on this service since the earlier one, each a chance.
          if (found && (j - i) * found.p <= CHANCE_LIMIT) best = { i, why: found.why };
        }
        positions.push(j);
      }
      if (!best) continue;
      const of = list[best.i] as number;
      const known = suspected.get(later);
      if (!known || (starts[of] as number) < (starts[known.of] as number))
        suspected.set(later, { of, service, why: best.why });
    }
  }
  const findings = [...suspected].map(([k, { of, service, why }]) => {
    const t = tickets[k] as DuplicateFacts;
    const o = tickets[of] as DuplicateFacts;
    return {
      file: t.file,
      code: 'duplicate/suspected',
      severity: 'warning' as const,
      path: ['title'],
      at: 'value' as const,
      message: `looks like ${o.id} reported again (same service "${service}", reported ${gap(t.start - o.start)} apart, ${why.join(', ')}); if it is, set \`duplicate_of: ${o.id}\`, else \`related: [${o.id}]\` silences this`,
    };
  });
  return {
    findings,
    rarity: () =>
      rarity ?? {
        tickets: tickets.length,
        words: words.toMap(),
        customers: customers.toMap(),
        reporters: reporters.toMap(),
      },
  };
}

function gap(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
