/**
 * A worker thread of ticket-index.ts: parses the chunks of ticket files it is sent into facts.
 */
import { serveChunks } from '../lib/file-pool.ts';

await serveChunks(async () => {
  const { parseTicketFacts } = await import('./ticket-index.ts');
  return (root: string) => parseTicketFacts(root);
});
