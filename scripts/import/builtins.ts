/**
 * Translations every CSV source shares: channels, levels written as words, slugs for ids.
 */
import { slugify } from '../derive/next-id.ts';
import type { Catalogue } from './model.ts';

export { CHANNELS, LEVELS, PRIORITIES, TICKET_KINDS as KINDS } from '../model/ticket-values.ts';
export const STATUSES = [
  'new',
  'triaged',
  'investigating',
  'identified',
  'pending',
  'monitoring',
  'resolved',
  'closed',
  'cancelled',
  'scheduled',
  'in-progress',
  'completed',
] as const;

export const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  phone: 'phone',
  email: 'email',
  'e-mail': 'email',
  'self-service': 'web-form',
  portal: 'web-form',
  web: 'web-form',
  'web form': 'web-form',
  chat: 'chat',
  'virtual agent': 'chat',
  'walk-in': 'walk-in',
  monitoring: 'monitoring',
  alert: 'monitoring',
  event: 'monitoring',
  social: 'social',
};

/**
 * When a source gives a priority but no impact and urgency: the pair the usual matrix turns
 * into that priority (a different matrix keeps the source's priority with a reason).
 */
export const LEVELS_OF_PRIORITY: Readonly<
  Record<string, ['high' | 'medium' | 'low', 'high' | 'medium' | 'low']>
> = {
  P1: ['high', 'high'],
  P2: ['high', 'medium'],
  P3: ['medium', 'medium'],
  P4: ['low', 'low'],
};

/** A slug id for a name, remembered in the catalogue section under it. */
export function catalogueId(
  catalogue: Catalogue,
  section: keyof Catalogue,
  name: string,
  extra: { group?: string; public?: boolean; description?: string } = {},
): string {
  const id = slugify(name) || 'unnamed';
  if (!catalogue[section].has(id)) catalogue[section].set(id, { id, name, ...extra });
  return id;
}
