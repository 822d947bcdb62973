/**
 * The Atom feed, the status badges and the sitemap: well-formed XML with exact content for small
 * cases, hostile text escaped, deterministic, and no internal data.
 */
import { describe, expect, it } from 'vitest';
import type { ComponentStatus, StatusIndicator } from '../../scripts/model/site.ts';
import { statusBadge, textWidth } from '../../scripts/present/site/badges.ts';
import { atomFeed, siteRoot } from '../../scripts/present/site/feed.ts';
import { sitemapXml } from '../../scripts/present/site/sitemap.ts';
import { CANARY, guardedModel, internalSiteModel, siteModel, ticket } from '../helpers/site-model.ts';
import { wellFormedXml } from '../helpers/xml.ts';

const HOSTILE = `</title><script>alert(1)</script> & "q" 'a' <![CDATA[x]]> \u0007 \ud800`;
const SITE = { siteUrl: 'https://status.example.org', base: '/ops/' };

describe('atomFeed', () => {
  it('writes one entry per ticket with its latest update', () => {
    const model = siteModel();
    model.tickets = model.tickets.filter((item) => item.id === 'INC-2026-0002');
    expect(atomFeed(model, SITE)).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        '  <id>https://status.example.org/ops/</id>',
        '  <title>Example IT status</title>',
        '  <subtitle>Incidents and maintenance</subtitle>',
        '  <updated>2026-03-10T11:00:00.000Z</updated>',
        '  <link rel="alternate" type="text/html" href="https://status.example.org/ops/"/>',
        '  <link rel="self" type="application/atom+xml" href="https://status.example.org/ops/feed.xml"/>',
        '  <author><name>Example IT</name></author>',
        '  <generator>Opsbook</generator>',
        '  <entry>',
        '    <id>https://status.example.org/ops/incidents/INC-2026-0002/</id>',
        '    <title>Mail delivery delayed</title>',
        '    <link rel="alternate" type="text/html" href="https://status.example.org/ops/incidents/INC-2026-0002/"/>',
        '    <published>2026-03-10T10:02:00.000Z</published>',
        '    <updated>2026-03-10T11:00:00.000Z</updated>',
        '    <category term="incident"/>',
        '    <content type="html">&lt;p&gt;&lt;strong&gt;Identified&lt;/strong&gt;&lt;/p&gt;',
        '&lt;p&gt;A full queue on &lt;strong&gt;mx1&lt;/strong&gt;.&lt;/p&gt;',
        '</content>',
        '  </entry>',
        '</feed>',
        '',
      ].join('\n'),
    );
  });

  it('orders entries by their last update, newest first, and parses as XML', () => {
    const xml = atomFeed(siteModel(), SITE);
    const names = wellFormedXml(xml);
    expect(names[0]).toBe('feed');
    expect(names.filter((name) => name === 'entry')).toHaveLength(4);
    expect([...xml.matchAll(/<id>[^<]*incidents\/([^/]+)\/<\/id>/g)].map((match) => match[1])).toEqual([
      'MNT-2026-0002',
      'INC-2026-0002',
      'MNT-2026-0003',
      'INC-2026-0001',
    ]);
  });

  it('keeps the newest 50 entries', () => {
    const model = siteModel();
    for (let n = 1; n <= 60; n++) {
      const at = new Date(Date.UTC(2025, 0, n)).toISOString();
      model.tickets.push(
        ticket({ id: `INC-2025-${String(n).padStart(4, '0')}`, title: `Old ${n}`, updatedAt: at }),
      );
    }
    const xml = atomFeed(model, SITE);
    wellFormedXml(xml);
    expect(xml.match(/<entry>/g)).toHaveLength(50);
    expect(xml).toContain('INC-2025-0015/');
    expect(xml).not.toContain('INC-2025-0014/');
  });

  it('escapes hostile titles, names and update text', () => {
    const model = siteModel();
    model.organization.name = HOSTILE;
    const first = model.tickets[0];
    if (!first) throw new Error('fixture');
    first.title = HOSTILE;
    first.id = 'MNT-"&<x>';
    first.updates = [
      {
        id: 'x-1',
        at: '2026-03-10T11:59:00Z',
        status: 'scheduled',
        text: HOSTILE,
        html: `<p>${HOSTILE}</p>`,
      },
    ];
    const xml = atomFeed(model, SITE);
    wellFormedXml(xml);
    expect(xml).not.toMatch(/<script|<\/title><script|<!\[CDATA/);
    expect(xml).toContain(
      '<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;',
    );
    expect(xml).toContain('incidents/MNT-%22%26%3Cx%3E/');
  });

  it('speaks German for a German page', () => {
    const model = siteModel();
    model.organization.locale = 'de';
    const xml = atomFeed(model, { siteUrl: 'https://status.example.org/', base: '' });
    expect(xml).toContain('xml:lang="de"');
    expect(xml).toContain('<title>Example IT – Status</title>');
    expect(xml).toContain('&lt;strong&gt;In Arbeit&lt;/strong&gt;');
    expect(xml).toContain('<id>https://status.example.org/</id>');
  });

  it('uses the build instant when there is nothing to report', () => {
    const model = siteModel();
    model.tickets = [];
    const xml = atomFeed(model, SITE);
    wellFormedXml(xml);
    expect(xml).toContain('<updated>2026-03-10T12:00:00.000Z</updated>');
    expect(xml).not.toContain('<entry>');
  });

  it('joins the site address and the base path', () => {
    expect(siteRoot('https://a.example', '/')).toBe('https://a.example/');
    expect(siteRoot('https://a.example/', '')).toBe('https://a.example/');
    expect(siteRoot('https://a.example', '/ops')).toBe('https://a.example/ops/');
    expect(siteRoot('https://a.example//', 'ops/')).toBe('https://a.example/ops/');
  });

  it('never reads internal data and shows none', () => {
    expect(() => atomFeed(guardedModel(internalSiteModel()), SITE)).not.toThrow();
    const xml = atomFeed(internalSiteModel(), SITE);
    expect(xml).not.toContain(CANARY);
    expect(xml).toBe(atomFeed(siteModel(), SITE));
  });
});

describe('statusBadge', () => {
  it('draws a flat badge with a title and an accessible name', () => {
    expect(statusBadge('mail', 'operational')).toBe(
      [
        '<svg xmlns="http://www.w3.org/2000/svg" width="111" height="20" viewBox="0 0 111 20" role="img" aria-label="mail: operational">',
        '<title>mail: operational</title>',
        '<rect width="111" height="20" rx="3" fill="#1a7f37"/>',
        '<rect width="36" height="20" rx="3" fill="#555555"/>',
        '<rect x="33" width="3" height="20" fill="#555555"/>',
        '<g font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">',
        '<text x="18" y="14" fill="#ffffff">mail</text>',
        '<text x="73.5" y="14" fill="#ffffff">operational</text>',
        '</g>',
        '</svg>',
        '',
      ].join('\n'),
    );
  });

  it('colours each status as the status page does', () => {
    const fill = (status: ComponentStatus | StatusIndicator) =>
      /<rect width="\d+" height="20" rx="3" fill="(#[0-9a-f]{6})"/.exec(statusBadge('x', status))?.[1];
    const expected: [ComponentStatus | StatusIndicator, string][] = [
      ['operational', '#1a7f37'],
      ['none', '#1a7f37'],
      ['degraded_performance', '#d4a72c'],
      ['minor', '#d4a72c'],
      ['partial_outage', '#e16f24'],
      ['major', '#e16f24'],
      ['major_outage', '#cf222e'],
      ['critical', '#cf222e'],
      ['under_maintenance', '#0969da'],
      ['maintenance', '#0969da'],
    ];
    for (const [status, color] of expected) {
      expect(fill(status), status).toBe(color);
      const svg = statusBadge('Service', status, 'de');
      expect(wellFormedXml(svg)[0]).toBe('svg');
    }
  });

  it('says the status in German', () => {
    expect(statusBadge('VPN', 'under_maintenance', 'de')).toContain('aria-label="VPN: Wartung"');
    expect(statusBadge('Mail', 'major_outage', 'de')).toContain('>Ausfall</text>');
    expect(statusBadge('', 'none', 'de')).toContain('aria-label="in Betrieb"');
  });

  it('escapes a hostile label and carries no script, link or id', () => {
    const svg = statusBadge(HOSTILE, 'critical');
    expect(wellFormedXml(svg).sort()).toEqual(['g', 'rect', 'rect', 'rect', 'svg', 'text', 'text', 'title']);
    expect(svg).not.toMatch(/<script|<a[\s>]|\sid=|href|on\w+=/i);
    expect(svg).toContain('&lt;/title&gt;&lt;script&gt;');
  });

  it('measures text widths deterministically', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('mail')).toBe(24);
    expect(textWidth('MMMM')).toBeGreaterThan(textWidth('iiii'));
  });
});

describe('sitemapXml', () => {
  it('lists each page once, sorted, under the site root', () => {
    expect(
      sitemapXml('https://status.example.org/ops/', ['incidents/', '', '/incidents/INC-1/', 'incidents/']),
    ).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        '  <url><loc>https://status.example.org/ops/</loc></url>',
        '  <url><loc>https://status.example.org/ops/incidents/</loc></url>',
        '  <url><loc>https://status.example.org/ops/incidents/INC-1/</loc></url>',
        '</urlset>',
        '',
      ].join('\n'),
    );
  });

  it('encodes and escapes hostile paths', () => {
    const xml = sitemapXml('https://a.example', ['x y/ü/', 'a?b=1&c=<2>', `"'${HOSTILE}`, '50%/', '%C3%BC/']);
    wellFormedXml(xml);
    expect(xml).not.toMatch(/<script|[<>]2|<!\[CDATA/);
    expect(xml).toContain('<loc>https://a.example/x%20y/%C3%BC/</loc>');
    expect(xml).toContain('<loc>https://a.example/a?b=1&amp;c=%3C2%3E</loc>');
    expect(xml).toContain('<loc>https://a.example/50%25/</loc>');
    expect(xml).toContain('<loc>https://a.example/%C3%BC/</loc>');
  });

  it('writes an empty sitemap', () => {
    expect(wellFormedXml(sitemapXml('https://a.example', []))).toEqual(['urlset']);
  });
});

describe('the XML check', () => {
  it('refuses what is not well-formed', () => {
    for (const xml of [
      '<a><b></a></b>',
      '<a>&</a>',
      '<a x="<"/>',
      '<a/><b/>',
      '<a',
      '<a x=1/>',
      '<a>\u0001</a>',
      'text',
    ]) {
      expect(() => wellFormedXml(xml), xml).toThrow();
    }
    expect(
      wellFormedXml('<?xml version="1.0" encoding="utf-8"?>\n<a x="&amp;"><!-- c --><b/>&#39;</a>\n'),
    ).toEqual(['a', 'b']);
  });
});

describe('the feed of one service', () => {
  it('holds only the tickets that name the service, under its own id and title', () => {
    const xml = atomFeed(siteModel(), {
      siteUrl: 'https://status.example.org',
      base: '/',
      path: 'feeds/mail.xml',
      service: { id: 'mail', name: 'Mail' },
    });
    expect(xml).toContain('<id>https://status.example.org/feeds/mail.xml</id>');
    expect(xml).toContain('<title>Example IT: Mail status</title>');
    expect(xml).toContain('href="https://status.example.org/feeds/mail.xml"');
    const ids = [...xml.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toEqual(['https://status.example.org/incidents/INC-2026-0002/']);
  });
});

describe('the feeds of a large desk', () => {
  it('take the same entries as sorting each feed on its own, ties in updates included', () => {
    const model = siteModel();
    const services = ['mail', 'vpn', 'web'].map((id) => ({ id, name: id.toUpperCase() }));
    // 300 tickets over 40 instants, so many share their last update; IDs not in order.
    for (let n = 0; n < 300; n++) {
      const id = `${n % 4 === 0 ? 'MNT' : 'INC'}-2025-${String((n * 7919) % 1000).padStart(4, '0')}`;
      model.tickets.push(
        ticket({
          id,
          kind: n % 4 === 0 ? 'maintenance' : n % 9 === 0 ? 'request' : 'incident',
          title: `Ticket ${n}`,
          updatedAt: new Date(Date.UTC(2025, 0, 1 + (n % 40))).toISOString(),
          services: services.filter((_, s) => (n + s) % 3 !== 0),
        } as Parameters<typeof ticket>[0]),
      );
    }
    const entryIds = (xml: string) =>
      [...xml.matchAll(/<entry>\s*<id>[^<]*incidents\/([^/]+)\/<\/id>/g)].map((m) => m[1]);
    const sortedOnItsOwn = (serviceId?: string) =>
      model.tickets
        .filter((t) => t.kind === 'incident' || t.kind === 'maintenance')
        .filter((t) => !serviceId || t.services.some((s) => s.id === serviceId))
        .sort(
          (a, b) =>
            Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        )
        .slice(0, 50)
        .map((t) => t.id);
    expect(entryIds(atomFeed(model, SITE))).toEqual(sortedOnItsOwn());
    for (const service of services) {
      const ids = entryIds(atomFeed(model, { ...SITE, path: `feeds/${service.id}.xml`, service }));
      expect(ids).toHaveLength(50);
      expect(ids).toEqual(sortedOnItsOwn(service.id));
    }
  });
});
