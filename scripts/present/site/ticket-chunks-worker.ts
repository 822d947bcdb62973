/** A worker thread of `opsbook site`'s models: builds the site tickets of the chunks it is sent. */
import { serveChunks } from '../../lib/file-pool.ts';
import type { TicketChunkInit } from './ticket-chunks.ts';

await serveChunks(async () => {
  const { ticketChunkHandler } = await import('./ticket-chunks.ts');
  return (init: TicketChunkInit) => ticketChunkHandler(init);
});
