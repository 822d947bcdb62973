/** The context of ticket-html.ts in this build: the page language, zone, base and model. */
import { pageTranslator } from '../i18n/index.ts';
import { pageFormatters } from './format.ts';
import { site } from './model.ts';
import { links } from './paths.ts';
import type { TicketHtmlContext } from './ticket-html.ts';

let context: TicketHtmlContext | null = null;

export function ticketHtmlContext(): TicketHtmlContext {
  if (context) return context;
  const data = site();
  context = {
    texts: pageTranslator(),
    format: pageFormatters(),
    links,
    hasTicket: (id) => data.ticketsById.has(id),
    runbookTitle: (id) => data.runbooksById.get(id)?.title,
    internal: data.internal,
  };
  return context;
}
