/**
 * A ticket's facts: the part of its frontmatter that whole-repository commands read, and how
 * the ticket index parses files into them (in the main thread and in its worker threads),
 * running a command's derivation on each ticket where it was parsed.
 */
import { join } from 'node:path';
import type { ReadAhead } from '../lib/file-pool.ts';
import type { Ticket } from '../model/types.ts';
import { type ParsedDocument, readMarkdownDocument } from './documents.ts';

/** Free-text and bookkeeping fields that no whole-repository command needs. */
const LEFT_OUT = ['reported_by', 'prevention', 'priority_reason', 'caused_by_change', 'runbooks'] as const;

/**
 * A ticket's frontmatter without the fields in LEFT_OUT and `x-*` fields, its timeline cut to
 * the entries that set a status (time and status only).
 */
export type TicketFacts = Omit<Ticket, 'timeline' | (typeof LEFT_OUT)[number]> & {
  timeline?: { at: string; status: Ticket['status'] }[];
};

const LEFT_OUT_KEYS: ReadonlySet<string> = new Set(LEFT_OUT);

/**
 * `only`: keep just these fields (the timeline too only when it is one of them). The others are
 * never added, rather than deleted afterwards: an object that loses a property in the middle
 * becomes a slow dictionary in V8.
 */
export function factsOf(ticket: Ticket, only?: ReadonlySet<string>): TicketFacts {
  const facts: Record<string, unknown> = {};
  for (const key of Object.keys(ticket)) {
    // `x-*` fields and the fields no whole-repository command reads.
    if ((key.charCodeAt(0) === 120 && key.charCodeAt(1) === 45) || LEFT_OUT_KEYS.has(key)) continue;
    if (only && !only.has(key)) continue;
    if (key !== 'timeline') {
      facts[key] = Reflect.get(ticket, key);
      continue;
    }
    const timeline: { at: string; status: Ticket['status'] }[] = [];
    for (const entry of ticket.timeline ?? []) {
      if (entry.status !== undefined) timeline.push({ at: entry.at, status: entry.status });
    }
    facts[key] = timeline;
  }
  return facts as TicketFacts;
}

type TicketDocument = ParsedDocument<Ticket>;

/**
 * Reads a ticket file of the repository at `root` into its document (null when it is unreadable
 * or invalid): what the index's workers read ahead, before their init comes (file-pool.ts).
 */
export function readTicketDocument(root: string): (file: string) => TicketDocument | null {
  return (file) => readMarkdownDocument(join(root, file), file, 'ticket').document;
}

/** Parses ticket files into facts (null for a file that is unreadable or invalid). */
export function parseTicketFacts(root: string): (files: readonly string[]) => (TicketFacts | null)[] {
  const read = readTicketDocument(root);
  return (files) =>
    files.map((file) => {
      const doc = read(file);
      return doc ? factsOf(doc.data) : null;
    });
}

/**
 * Work a command wants done on each ticket's facts in the thread that parsed them, so that it
 * runs in parallel with the parsing instead of after it (`sla` computes the clocks there). The
 * module's export `name` takes `options` (structured-cloned to each worker) and returns the
 * function applied to each ticket's facts; its value is the ticket's `computed`.
 */
export interface FactsDerivation {
  /** The module, as a file URL. */
  module: string;
  /** The module's export: (options) => (facts) => value. */
  name: string;
  options: unknown;
  /**
   * The command reads the tickets' `data` only now and then (default: it reads them all).
   * Without a cache to write, the threads then send only the derived values, and a ticket's
   * facts are read from its file again when asked for.
   */
  factsRarely?: boolean;
  /**
   * The facts' fields the command reads itself (default: all of them). Without a cache to write,
   * only these are sent, the timeline too only when listed: `report` lists the fields of its
   * tickets and filters and reads no timeline (the SLA clocks, which do, are computed where the
   * tickets are parsed). At 100,000 tickets a fifth less JSON to write, parse and keep.
   */
  fieldsRead?: readonly string[];
}

/** A derivation's function: it gets a ticket's facts, or the whole ticket when no facts are sent. */
type DeriveFromFacts = (ticket: TicketFacts | Ticket) => unknown;

async function derivationOf(spec: FactsDerivation | undefined): Promise<DeriveFromFacts | undefined> {
  if (!spec) return undefined;
  const module = (await import(spec.module)) as Record<string, (options: unknown) => DeriveFromFacts>;
  const make = module[spec.name];
  if (typeof make !== 'function') throw new Error(`${spec.module} has no export ${spec.name}`);
  return make(spec.options);
}

/**
 * A parsed file of the index: its facts as JSON (null: not sent), and the derivation's value
 * (see FactsDerivation).
 */
type ParsedFacts = [facts: string | null, computed: unknown];

/** What the ticket index's worker threads get once. */
export interface IndexWorkerInit {
  root: string;
  derive?: FactsDerivation;
  /**
   * Send the facts with each derived value, as JSON: the cache stores it as it is, and the main
   * thread parses it when it reads the facts (quicker than a structured clone of objects). The
   * main thread's own files take the same way: the same values whichever thread read the file,
   * strings that do not keep the file's text alive (short ones shared), and objects V8 keeps
   * compact (one built key by key with more than 16 fields becomes a dictionary).
   */
  sendFacts: boolean;
  /** Send only these fields of the facts (FactsDerivation's `fieldsRead`, no cache); default all. */
  fields?: readonly string[];
}

/**
 * Parses ticket files for the index (null for a file that is unreadable or invalid): the facts,
 * or null when they are not sent, and the derivation's value.
 */
export async function indexParser(
  init: IndexWorkerInit,
  ahead?: ReadAhead<TicketDocument | null>,
): Promise<(files: readonly string[]) => (ParsedFacts | null)[]> {
  const derive = await derivationOf(init.derive);
  const { root, sendFacts } = init;
  const only = init.fields ? new Set(init.fields) : undefined;
  const read = readTicketDocument(root);
  return (files) =>
    files.map((file) => {
      let doc = ahead?.get(file);
      if (doc === undefined) doc = read(file);
      else ahead?.delete(file);
      if (!doc) return null;
      // Without facts to send, or with only some of their fields sent, the derivation gets the
      // whole ticket: the facts are the same values with fewer fields (and timeline entries),
      // and a derivation reads only facts.
      const facts = sendFacts || !derive ? factsOf(doc.data, only) : null;
      const computed = derive ? derive(facts && !only ? facts : doc.data) : undefined;
      if (!facts || !sendFacts) return [null, computed];
      return [JSON.stringify(facts), computed];
    });
}
