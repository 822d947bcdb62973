/**
 * The ticket pages written after Astro's build (site/integrations/ticket-pages.ts): one page per
 * ticket of the model from the shell Astro rendered, the shell gone, every text of the ticket
 * escaped, the internal block only in the internal build, and an ID that could leave the output
 * folder refused before anything is written.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteModel, SiteTicket } from '../../scripts/model/site.ts';
import { writeSiteModel } from '../../scripts/present/site/model-file.ts';
import { writeTicketPages } from '../../site/integrations/ticket-pages.ts';
import { SHELL_ID, SHELL_MAIN, SHELL_TITLE } from '../../site/src/lib/ticket-shell.ts';
import { FIXTURES } from '../helpers/cli.ts';

const SHELL = `<!DOCTYPE html><html lang="de"><head><title>${SHELL_TITLE} · Example IT</title></head><body><main>${SHELL_MAIN}</main></body></html>`;
const HOSTILE = `<script>alert("x")</script> & 'quotes'`;

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** An output folder with the shell, and the fixture model (changed by `edit`) written as `opsbook site` writes it. */
function setUp(audience: 'public' | 'internal', edit: (model: SiteModel) => void = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), 'opsbook-ticket-pages-'));
  dirs.push(dir);
  const model = JSON.parse(readFileSync(join(FIXTURES, 'site', 'model-internal.json'), 'utf8')) as SiteModel;
  model.audience = audience;
  if (audience === 'public') for (const ticket of model.tickets) delete ticket.internal;
  edit(model);
  const out = join(dir, 'out');
  mkdirSync(join(out, 'incidents', SHELL_ID), { recursive: true });
  writeFileSync(join(out, 'incidents', SHELL_ID, 'index.html'), SHELL);
  const modelFile = join(dir, 'model.ndjson');
  writeSiteModel(modelFile, model);
  return { out, modelFile, model };
}

describe('ticket pages from the shell', () => {
  it('writes one page per ticket with its title and content, escaped, and removes the shell', async () => {
    const { out, modelFile, model } = setUp('internal', (m) => {
      const first = m.tickets[0];
      if (first) first.title = HOSTILE;
    });
    const paths = await writeTicketPages({ dir: out, modelFile, base: '/status/' });
    expect(paths).toEqual(model.tickets.map((t) => `incidents/${t.id}/`));
    expect(existsSync(join(out, 'incidents', SHELL_ID))).toBe(false);
    expect(readdirSync(join(out, 'incidents')).sort()).toEqual(model.tickets.map((t) => t.id).sort());

    const first = model.tickets[0];
    if (!first) throw new Error('the fixture has tickets');
    const page = readFileSync(join(out, 'incidents', first.id, 'index.html'), 'utf8');
    expect(page).not.toContain('<script>');
    expect(page).toContain(
      `<title>${first.id}: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; · Example IT</title>`,
    );
    expect(page).toContain(
      '<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</h1>',
    );
    // Links go under the base; the internal block is there.
    expect(page).toContain('href="/status/incidents/"');
    expect(page).toContain('<section aria-labelledby="internal">');
    expect(page).not.toContain(SHELL_TITLE);
    expect(page).not.toContain(SHELL_MAIN);
  });

  it('writes the pages of a large desk on worker threads, every page and every link to another ticket', async () => {
    const { out, modelFile, model } = setUp('internal', (m) => {
      const template = m.tickets.find((t) => t.internal) as SiteTicket;
      m.tickets = Array.from({ length: 2100 }, (_, i) => {
        const id = `REQ-2026-${String(i + 1).padStart(4, '0')}`;
        const previous = i > 0 ? `REQ-2026-${String(i).padStart(4, '0')}` : null;
        const internal = {
          ...(template.internal as NonNullable<SiteTicket['internal']>),
          related: previous ? [previous] : [],
        };
        return { ...template, id, title: `Ticket number ${i + 1}`, internal };
      });
    });
    const paths = await writeTicketPages({ dir: out, modelFile, base: '/' });
    expect(paths).toHaveLength(2100);
    expect(readdirSync(join(out, 'incidents'))).toHaveLength(2100);
    for (const [i, ticket] of model.tickets.entries()) {
      const page = readFileSync(join(out, 'incidents', ticket.id, 'index.html'), 'utf8');
      expect(page).toContain(`<h1>Ticket number ${i + 1}</h1>`);
      // The ticket before it is on the other thread's share, and still a link.
      if (i > 0) expect(page).toContain(`href="/incidents/${model.tickets[i - 1]?.id}/"`);
    }
  });

  it('shows no internal block in the public build', async () => {
    const { out, modelFile, model } = setUp('public');
    await writeTicketPages({ dir: out, modelFile, base: '/' });
    for (const ticket of model.tickets) {
      const page = readFileSync(join(out, 'incidents', ticket.id, 'index.html'), 'utf8');
      expect(page).not.toContain('aria-labelledby="internal"');
      expect(page).toContain(`<li>${ticket.id}</li>`);
    }
  });

  it('refuses an ID that could name a folder outside the output, before writing any page', async () => {
    const { out, modelFile } = setUp('internal', (m) => {
      const last = m.tickets.at(-1);
      if (last) last.id = '../../escaped';
    });
    await expect(writeTicketPages({ dir: out, modelFile, base: '/' })).rejects.toThrow('cannot name a page');
    expect(existsSync(join(out, '..', '..', 'escaped'))).toBe(false);
    expect(readdirSync(join(out, 'incidents'))).toEqual([]);
  });

  it('refuses a shell without the mark of the content', async () => {
    const { out, modelFile } = setUp('internal');
    writeFileSync(join(out, 'incidents', SHELL_ID, 'index.html'), '<html><title>x</title></html>');
    await expect(writeTicketPages({ dir: out, modelFile, base: '/' })).rejects.toThrow(SHELL_MAIN);
  });
});
