/**
 * A worker thread of ticket-index.ts: parses the chunks of ticket files it is sent into facts
 * (and runs the command's derivation on them, when it gave one).
 */
import { serveChunks } from '../lib/file-pool.ts';

await serveChunks(
  async () => (await import('./ticket-facts.ts')).indexParser,
  // The first files, read while the main thread reads the configuration (startWorkersEarly).
  async () => (await import('./ticket-facts.ts')).readTicketDocument,
);
