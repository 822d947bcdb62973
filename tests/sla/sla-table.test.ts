/**
 * Pieces of the `opsbook sla` table: the working time left or over, and titles in a cell.
 */
import { describe, expect, it } from 'vitest';
import { terminalCell } from '../../scripts/present/escape.ts';
import { formatBusinessSpan } from '../../scripts/present/sla.ts';

const MIN = 60_000;
const H = 60 * MIN;

describe('formatBusinessSpan', () => {
  it('business days, then hours and minutes, zero parts left out', () => {
    expect(formatBusinessSpan({ days: 2, workingMs: 3 * H })).toBe('2bd 3h');
    expect(formatBusinessSpan({ days: 0, workingMs: 5 * H + 12 * MIN })).toBe('5h 12m');
    expect(formatBusinessSpan({ days: 1, workingMs: 0 })).toBe('1bd');
    expect(formatBusinessSpan({ days: 436, workingMs: 7 * MIN })).toBe('436bd 7m');
    expect(formatBusinessSpan({ days: 0, workingMs: 0 })).toBe('0m');
  });

  it('cuts to whole minutes', () => {
    expect(formatBusinessSpan({ days: 0, workingMs: 45 * MIN + 59_999 })).toBe('45m');
  });
});

describe('terminalCell', () => {
  it('keeps a short title as it is', () => {
    expect(terminalCell('Mail down', 32)).toBe('Mail down');
  });

  it('cuts a long title to the width, ending with an ellipsis', () => {
    const cut = terminalCell('VPN gateway drops every connection after the firmware update', 32);
    expect(cut).toBe('VPN gateway drops every…');
    expect(cut.length).toBeLessThanOrEqual(32);
    expect(terminalCell('x'.repeat(40), 32)).toBe(`${'x'.repeat(31)}…`);
  });

  it('never cuts inside an emoji', () => {
    const family = '👨‍👩‍👧';
    const cut = terminalCell(`${'a'.repeat(28)}${family} is offline`, 32);
    expect(cut).toBe(`${'a'.repeat(28)}…`);
  });

  it('puts the title on one line without anything the terminal would act on', () => {
    expect(terminalCell('Mail\u001b[2J down\r\nagain\u202e!', 32)).toBe('Mail [2J down again !');
  });
});
