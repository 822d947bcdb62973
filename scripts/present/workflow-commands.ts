/**
 * Text for a GitHub Actions job log, where the runner reads some lines as workflow commands:
 * a line that starts with `::` after any leading whitespace (`::add-mask::`, `::error::`,
 * `::stop-commands::`), and the legacy form `##[command]` anywhere in a line. Untrusted text
 * (ticket titles, finding messages, issue-form answers) printed by a command that runs in
 * Actions must not be able to write such a line.
 */

/** As `escapeData` of @actions/core: the message of a workflow command, kept on its line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As `escapeProperty` of @actions/core: the values of `file=`, `title=`, ... */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One line of a free-text message for the log (without its newline): escaped as command data,
 * so it stays one line, and never a command itself.
 */
export function logLine(text: string): string {
  return neutralLine(escapeData(text));
}

/**
 * A multi-line document printed for a person (a ticket file, a Markdown preview): its lines
 * stay lines, but none is a command. Only lines that would be one change.
 */
export function logDocument(text: string): string {
  // The runner also ends a line at a lone carriage return.
  return text
    .replace(/\r(?!\n)/g, '%0D')
    .split('\n')
    .map(neutralLine)
    .join('\n');
}

/**
 * A line the runner takes for no command: the first colon of a leading `::` and the `[` of
 * every `##[` are percent-escaped (the runner unescapes only command data, so they show as is).
 */
function neutralLine(line: string): string {
  return line.replace(/^(\s*):(?=:)/, '$1%3A').replace(/##\[/g, '##%5B');
}
