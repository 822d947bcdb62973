/** A worker thread of ticket-pages.ts: writes its share of the ticket pages. */
import { workerData } from 'node:worker_threads';
import { type TicketPagesShare, writeShare } from './ticket-pages.ts';

writeShare(workerData as TicketPagesShare);
