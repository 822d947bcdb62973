/**
 * The one loader: reads opsbook.yaml, tickets and runbooks into the model, with every problem
 * met on the way as a finding. Used by the command line, CI and the site alike.
 */
import { join } from 'node:path';
import type { OpsbookConfig, RunbookRecord, TicketRecord } from '../model/types.ts';
import { readMarkdownDocument, readYamlDocument } from './documents.ts';
import { CONFIG_FILE, listMarkdownFiles, RUNBOOK_DIR, TICKET_DIR } from './files.ts';
import type { RuleFinding } from './rule-finding.ts';

export interface LoadOptions {
  /**
   * Repository-relative ticket and runbook files to parse. When absent, all are parsed; when
   * given, the others are only listed (their IDs come from their file names).
   */
  focus?: readonly string[];
  /** Called now and then while files are parsed. */
  onProgress?: (done: number, total: number) => void;
}

export interface LoadedRepository {
  root: string;
  /** The configuration, or null when opsbook.yaml is missing or invalid (see findings). */
  config: OpsbookConfig | null;
  /** Tickets that parsed and conform to the schema. */
  tickets: TicketRecord[];
  runbooks: RunbookRecord[];
  /** Every ticket and runbook file found, parsed or not. */
  ticketFiles: string[];
  runbookFiles: string[];
  /** Files that were parsed (all of them unless `focus` was given). */
  parsedFiles: string[];
  findings: RuleFinding[];
  /** YAML texts of files with findings, so positions can be found without reading them again. */
  yamlTexts: Map<string, string | null>;
}

export function loadConfig(root: string): {
  config: OpsbookConfig | null;
  findings: RuleFinding[];
  yaml: string | null;
} {
  const result = readYamlDocument(join(root, CONFIG_FILE), CONFIG_FILE, 'config');
  return {
    config: result.document ? result.document.data : null,
    findings: result.findings,
    yaml: result.yaml,
  };
}

export function loadRepository(root: string, options: LoadOptions = {}): LoadedRepository {
  const findings: RuleFinding[] = [];
  const yamlTexts = new Map<string, string | null>();
  const configResult = loadConfig(root);
  findings.push(...configResult.findings);
  yamlTexts.set(CONFIG_FILE, configResult.yaml);

  const ticketListing = listMarkdownFiles(root, TICKET_DIR);
  const runbookListing = listMarkdownFiles(root, RUNBOOK_DIR);
  findings.push(...ticketListing.findings, ...runbookListing.findings);

  const toParse = options.focus
    ? [...new Set(options.focus)].sort()
    : [...ticketListing.files, ...runbookListing.files];
  const tickets: TicketRecord[] = [];
  const runbooks: RunbookRecord[] = [];
  const total = toParse.length;
  const read = <S extends 'runbook' | 'ticket'>(file: string, schema: S) => {
    const result = readMarkdownDocument(join(root, file), file, schema);
    if (result.findings.length > 0) {
      findings.push(...result.findings);
      yamlTexts.set(file, result.yaml);
    }
    return result.document;
  };
  toParse.forEach((file, i) => {
    if (file.startsWith(`${RUNBOOK_DIR}/`)) {
      const doc = read(file, 'runbook');
      if (doc) runbooks.push({ file, data: doc.data, body: doc.body, bodyLine: doc.bodyLine });
    } else {
      const doc = read(file, 'ticket');
      if (doc) tickets.push({ file, data: doc.data, body: doc.body, bodyLine: doc.bodyLine });
    }
    if (options.onProgress && (i & 1023) === 1023) options.onProgress(i + 1, total);
  });
  options.onProgress?.(total, total);

  return {
    root,
    config: configResult.config,
    tickets,
    runbooks,
    ticketFiles: ticketListing.files,
    runbookFiles: runbookListing.files,
    parsedFiles: toParse,
    findings,
    yamlTexts,
  };
}
