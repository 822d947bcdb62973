/**
 * The frame of the ticket pages. `astro build` renders the ticket route once, as this shell: the
 * page frame (layout, navigation, language switch, footer) around two marks. After the build the
 * integration (site/integrations/ticket-pages.ts) writes each ticket's page by putting its title
 * and its content (ticket-html.ts) in their place, and deletes the shell. Letters, digits and
 * hyphens only, so escaping leaves the marks as they are.
 */
export const SHELL_ID = 'opsbook-ticket-shell';
export const SHELL_TITLE = 'OPSBOOK-TICKET-TITLE-7c2f9e';
export const SHELL_MAIN = '<!--OPSBOOK-TICKET-MAIN-7c2f9e-->';
