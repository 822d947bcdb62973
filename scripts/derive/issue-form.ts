/**
 * The "Report an outage" issue form, read back from the issue's body (`opsbook github
 * issue-to-ticket`). GitHub renders each answer of an issue form as `### <label>`, a blank line
 * and the value (`_No response_` when an optional field was left empty).
 *
 * The answers are untrusted data: they are matched against opsbook.yaml (services) and fixed
 * lists (impact, urgency), and otherwise only ever carried as text.
 */

export type Level = 'high' | 'medium' | 'low';
const LEVELS: readonly Level[] = ['high', 'medium', 'low'];

/**
 * The form's fields, by words their labels contain (so a label may be reworded a little); the
 * first match in this order wins, so "Impact on the service" is the impact.
 */
const FIELDS = {
  impact: /impact/i,
  urgency: /urgency/i,
  since: /since when|since|started/i,
  contact: /contact|reach you/i,
  description: /what is happening|what happens|description|details/i,
  service: /service/i,
} as const;
export type FormField = keyof typeof FIELDS;

/** The answers by field; null for `_No response_`; missing when the form has no such field. */
export type FormAnswers = Partial<Record<FormField, string | null>>;

/** The sections `### label` → value of an issue-form body, in order. */
function formSections(body: string): { label: string; value: string | null }[] {
  const sections: { label: string; value: string | null }[] = [];
  let current: { label: string; lines: string[] } | null = null;
  const close = () => {
    if (!current) return;
    const value = current.lines.join('\n').trim();
    sections.push({ label: current.label, value: value === '' || value === '_No response_' ? null : value });
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^###\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      close();
      current = { label: heading[1] as string, lines: [] };
    } else {
      current?.lines.push(line);
    }
  }
  close();
  return sections;
}

export function formAnswers(body: string): FormAnswers {
  const answers: FormAnswers = {};
  for (const { label, value } of formSections(body)) {
    for (const [field, pattern] of Object.entries(FIELDS) as [FormField, RegExp][]) {
      if (!(field in answers) && pattern.test(label)) {
        answers[field] = value;
        break;
      }
    }
  }
  return answers;
}

export interface OutageReport {
  services: string[];
  description: string;
  since: string | null;
  impact: Level;
  urgency: Level;
  contact: string | null;
}

export interface ServiceCatalogue {
  readonly [id: string]: { readonly name?: string } | undefined;
}

/**
 * The service ids an answer names: an id, a service's name (any case), or `Name (id)`; a
 * dropdown with several selections answers them comma-separated.
 */
export function matchServices(answer: string, services: ServiceCatalogue): string[] | null {
  const ids = Object.keys(services);
  const one = (text: string): string | null => {
    const t = text.trim();
    const inParens = /\(([a-z0-9-]+)\)\s*$/.exec(t)?.[1];
    if (inParens && Object.hasOwn(services, inParens)) return inParens;
    if (Object.hasOwn(services, t)) return t;
    const lower = t.toLowerCase();
    return ids.find((id) => services[id]?.name?.toLowerCase() === lower) ?? null;
  };
  const whole = one(answer);
  if (whole) return [whole];
  const parts = answer.split(',').map(one);
  if (parts.length > 1 && parts.every((p) => p !== null)) return [...new Set(parts as string[])];
  return null;
}

/** `High`, `high – many users affected`, ... → `high`. */
function level(answer: string | null | undefined): Level | null {
  const word = answer
    ?.trim()
    .split(/[^A-Za-z]/)[0]
    ?.toLowerCase();
  return LEVELS.find((l) => l === word) ?? null;
}

/**
 * The report the form describes, or the problems that keep it from becoming a ticket (in
 * words for the reporter). Without an urgency field, a reported outage is urgent: it stops
 * work now (the service desk re-triages in the pull request).
 */
export function outageReport(
  answers: FormAnswers,
  services: ServiceCatalogue,
): { report: OutageReport; problems: [] } | { report: null; problems: string[] } {
  const problems: string[] = [];
  if (Object.keys(answers).length === 0) {
    return { report: null, problems: ['the issue was not written with the "Report an outage" form'] };
  }
  const serviceAnswer = answers.service ?? null;
  const matched = serviceAnswer ? matchServices(serviceAnswer, services) : null;
  if (!serviceAnswer) problems.push('the affected service is missing');
  else if (!matched)
    problems.push(`the affected service "${serviceAnswer.slice(0, 100)}" is not in the service list`);
  const description = answers.description ?? null;
  if (!description) problems.push('the description of what is happening is missing');
  const impact = level(answers.impact);
  if (!impact) problems.push('the impact (high, medium or low) is missing');
  const urgency = answers.urgency === undefined || answers.urgency === null ? 'high' : level(answers.urgency);
  if (!urgency) problems.push('the urgency must be high, medium or low');
  if (problems.length > 0 || !matched || !description || !impact || !urgency)
    return { report: null, problems };
  return {
    report: {
      services: matched,
      description,
      since: answers.since ?? null,
      impact,
      urgency,
      contact: answers.contact ?? null,
    },
    problems: [],
  };
}

/**
 * The ticket title from the issue title: the form's title prefix (`Outage: `) or a leading
 * `[tag]` goes; empty → null.
 */
export function ticketTitle(issueTitle: string, max = 200): string | null {
  const t = issueTitle
    // biome-ignore lint/suspicious/noControlCharactersInRegex: one line
    .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
    .replace(/^\s*(?:\[[^\]]*\]\s*:?|outage\s*:)\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!t) return null;
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}
