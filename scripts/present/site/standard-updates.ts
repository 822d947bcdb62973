/**
 * The standard sentence of each Statuspage status, in every language of the site: the text of an
 * update that the desk did not write (a status change without public text, the start and end of
 * a maintenance window). They read like Statuspage's own defaults, so a subscriber sees the
 * familiar wording. The site's dictionaries carry them too (`update.<kind>.<status>`), so the
 * language switch translates them like any interface text.
 */
import type { IncidentStatus, MaintenanceStatus, SiteLocale } from '../../model/site.ts';

export type StandardUpdateKey =
  | `update.incident.${IncidentStatus}`
  | `update.maintenance.${MaintenanceStatus}`
  | 'update.maintenance.cancelled';

type Sentences = Record<StandardUpdateKey, string>;

export const STANDARD_UPDATES: Readonly<Record<SiteLocale, Sentences>> = {
  en: {
    'update.incident.investigating': 'We are currently investigating this issue.',
    'update.incident.identified': 'The issue has been identified and a fix is being implemented.',
    'update.incident.monitoring': 'A fix has been implemented and we are monitoring the results.',
    'update.incident.resolved': 'This incident has been resolved.',
    'update.incident.postmortem': 'A review of this incident has been published.',
    'update.maintenance.scheduled': 'We will be undergoing scheduled maintenance during this time.',
    'update.maintenance.in_progress':
      'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
    'update.maintenance.verifying': 'Verification is currently underway for the maintenance items.',
    'update.maintenance.completed': 'The scheduled maintenance has been completed.',
    'update.maintenance.cancelled': 'The scheduled maintenance has been cancelled.',
  },
  de: {
    'update.incident.investigating': 'Wir untersuchen das Problem derzeit.',
    'update.incident.identified': 'Die Ursache ist gefunden, eine Lösung wird umgesetzt.',
    'update.incident.monitoring': 'Eine Lösung ist umgesetzt, wir beobachten die Ergebnisse.',
    'update.incident.resolved': 'Diese Störung ist behoben.',
    'update.incident.postmortem': 'Eine Auswertung dieser Störung ist veröffentlicht.',
    'update.maintenance.scheduled': 'In diesem Zeitraum führen wir geplante Wartungsarbeiten durch.',
    'update.maintenance.in_progress':
      'Die geplante Wartung läuft. Wir informieren bei Bedarf über den weiteren Verlauf.',
    'update.maintenance.verifying': 'Die Ergebnisse der Wartung werden derzeit geprüft.',
    'update.maintenance.completed': 'Die geplante Wartung ist abgeschlossen.',
    'update.maintenance.cancelled': 'Die geplante Wartung ist abgesagt.',
  },
  sv: {
    'update.incident.investigating': 'Vi undersöker problemet just nu.',
    'update.incident.identified': 'Orsaken har identifierats och en åtgärd genomförs.',
    'update.incident.monitoring': 'En åtgärd har genomförts och vi övervakar resultatet.',
    'update.incident.resolved': 'Den här incidenten är löst.',
    'update.incident.postmortem': 'En utvärdering av incidenten har publicerats.',
    'update.maintenance.scheduled': 'Vi genomför planerat underhåll under den här tiden.',
    'update.maintenance.in_progress': 'Planerat underhåll pågår. Vi återkommer med uppdateringar vid behov.',
    'update.maintenance.verifying': 'Resultatet av underhållet kontrolleras just nu.',
    'update.maintenance.completed': 'Det planerade underhållet är slutfört.',
    'update.maintenance.cancelled': 'Det planerade underhållet har ställts in.',
  },
  ru: {
    'update.incident.investigating': 'Мы изучаем проблему.',
    'update.incident.identified': 'Причина установлена, исправление внедряется.',
    'update.incident.monitoring': 'Исправление внедрено, мы наблюдаем за результатами.',
    'update.incident.resolved': 'Инцидент устранён.',
    'update.incident.postmortem': 'Опубликован разбор этого инцидента.',
    'update.maintenance.scheduled': 'В это время будут проводиться плановые работы.',
    'update.maintenance.in_progress': 'Идут плановые работы. При необходимости мы сообщим о ходе работ.',
    'update.maintenance.verifying': 'Результаты плановых работ проверяются.',
    'update.maintenance.completed': 'Плановые работы завершены.',
    'update.maintenance.cancelled': 'Плановые работы отменены.',
  },
};

/** The dictionary key of a status's standard sentence (a cancellation has its own). */
export function standardUpdateKey(
  kind: string,
  status: IncidentStatus | MaintenanceStatus,
  cancelled = false,
): StandardUpdateKey {
  if (kind === 'maintenance' && cancelled) return 'update.maintenance.cancelled';
  const key = `update.${kind === 'maintenance' ? 'maintenance' : 'incident'}.${status}`;
  return isStandardUpdateKey(key) ? key : 'update.incident.investigating';
}

export function isStandardUpdateKey(key: string): key is StandardUpdateKey {
  return key in STANDARD_UPDATES.en;
}

/** The standard sentence of a key in a language. */
export function standardUpdate(locale: SiteLocale, key: StandardUpdateKey): string {
  return STANDARD_UPDATES[locale][key];
}
