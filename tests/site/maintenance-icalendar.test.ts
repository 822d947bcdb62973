/**
 * The iCalendar feed of scheduled maintenance: valid RFC 5545 as ical.js parses it, every window
 * with its times, the cancelled one marked cancelled, hostile text escaped and long lines folded.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeIcalendarText, foldIcalendarLine } from '../../scripts/present/escape.ts';
import { maintenanceCalendar } from '../../scripts/present/site/icalendar.ts';
import { headersFile } from '../../scripts/present/site/post-build.ts';
import { siteModel, ticket } from '../helpers/site-model.ts';

const ROOT = 'https://status.example.org/ops/';

function calendar(model = siteModel()) {
  const text = maintenanceCalendar(model, { root: ROOT });
  const component = new ICAL.Component(ICAL.parse(text));
  return { text, component, events: component.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e)) };
}

describe('the maintenance calendar', () => {
  it('parses as RFC 5545 with one event per maintenance window, soonest first', () => {
    const { component, events } = calendar();
    expect(component.name).toBe('vcalendar');
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
    expect(component.getFirstPropertyValue('prodid')).toBe('-//Opsbook//Status page//EN');
    expect(events.map((e) => [e.uid, e.summary, e.startDate.toString(), e.endDate.toString()])).toEqual([
      [
        'MNT-2026-0002@status.example.org',
        'VPN gateway upgrade',
        '2026-03-10T11:00:00Z',
        '2026-03-10T14:00:00Z',
      ],
      [
        'MNT-2026-0003@status.example.org',
        'Laptop firmware rollout',
        '2026-03-12T18:00:00Z',
        '2026-03-12T20:00:00Z',
      ],
    ]);
    const vpn = component.getAllSubcomponents('vevent')[0];
    expect(vpn?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(vpn?.getFirstPropertyValue('dtstamp'))).toBe('2026-03-10T11:01:00Z');
    expect(vpn?.getFirstPropertyValue('url')).toBe('https://status.example.org/ops/incidents/MNT-2026-0002/');
    expect(events[0]?.description).toBe(
      'Started.\n\nhttps://status.example.org/ops/incidents/MNT-2026-0002/',
    );
  });

  it('keeps a cancelled maintenance, marked cancelled, so subscribed calendars drop it', () => {
    const model = siteModel();
    model.tickets.push(
      ticket({
        id: 'MNT-2026-0009',
        kind: 'maintenance',
        title: 'Called off',
        status: 'completed',
        cancelled: true,
        scheduledFor: '2026-03-20T10:00:00Z',
        scheduledUntil: '2026-03-20T11:00:00Z',
      }),
    );
    const vevents = calendar(model).component.getAllSubcomponents('vevent');
    expect(vevents.at(-1)?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('escapes hostile text and folds long lines at 75 octets with CRLF', () => {
    const model = siteModel();
    const title = 'Mail; relay, cluster\\ upgrade\nBEGIN:VEVENT ünïcödé '.repeat(4);
    const mnt = model.tickets.find((t) => t.id === 'MNT-2026-0003');
    if (!mnt) throw new Error('fixture');
    mnt.title = title;
    const { text, events } = calendar(model);
    expect(events.map((e) => e.summary)).toContain(title);
    expect(text.split('\r\n').filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('escapes and folds by the rules', () => {
    expect(escapeIcalendarText('a;b,c\\d\r\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const folded = foldIcalendarLine(`SUMMARY:${'ä'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'ä'.repeat(60)}`);
    for (const line of folded.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('folds each line as full as 75 octets allow, never inside a character', () => {
    // The fold by octets, character by character, as RFC 5545 3.1 describes it.
    const byOctets = (line: string): string => {
      const parts: string[] = [];
      let current = '';
      for (const char of line) {
        const limit = parts.length === 0 ? 75 : 74;
        if (new TextEncoder().encode(current + char).length > limit) {
          parts.push(current);
          current = '';
        }
        current += char;
      }
      return [...parts, current].join('\r\n ');
    };
    const lines = [
      '',
      'BEGIN:VEVENT',
      'x'.repeat(75),
      'x'.repeat(76),
      'x'.repeat(200),
      `${'x'.repeat(74)}ä`,
      `${'x'.repeat(73)}€x`,
      `${'x'.repeat(72)}😀xx`,
      'ä'.repeat(25),
      'ä'.repeat(38),
      '€'.repeat(25),
      '€'.repeat(26),
      '😀'.repeat(19),
      `SUMMARY:${'\ud800x'.repeat(30)}`,
      `DESCRIPTION:${'Störung im Rechenzentrum; Wartung 😀 '.repeat(9)}`,
    ];
    for (const line of lines) expect(foldIcalendarLine(line)).toBe(byOctets(line));
  });

  it('is the same for the same model', () => {
    expect(calendar().text).toBe(calendar().text);
  });
});

describe('the _headers file', () => {
  it('allows every origin to read the API, feeds, calendar and badges', () => {
    const text = headersFile();
    for (const path of ['/api/*', '/feed.xml', '/feeds/*', '/badges/*', '/maintenance.ics']) {
      expect(text).toContain(`${path}\n  Access-Control-Allow-Origin: *\n`);
    }
  });
});
