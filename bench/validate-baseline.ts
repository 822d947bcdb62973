/**
 * The bare baseline of validate-ratio.ts, run as a child process on ONE thread: for every ticket
 * file under incidents/, read it, split off the frontmatter, parse the YAML as the validator
 * does (`parseYaml`: the fast reader for the plain block shape, js-yaml with the JSON schema for
 * anything else) and check it with the compiled ticket schema validator. Nothing else: no rules,
 * no locating, no cross-file checks, no output but one line.
 *
 *   node --experimental-strip-types bench/validate-baseline.ts REPO
 *
 * Prints `files N, schema-valid N, seconds S` (S: the work after module loading).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ticket } from '../scripts/load/schema-validators.generated.js';
import { parseYaml, TICKET_YAML_LIMITS } from '../scripts/load/yaml.ts';

const repo = process.argv[2];
if (!repo) {
  process.stderr.write('usage: validate-baseline.ts REPO\n');
  process.exit(2);
}

const started = performance.now();
const dir = join(repo, 'incidents');
const files: string[] = [];
for (const year of readdirSync(dir, { withFileTypes: true })) {
  if (!year.isDirectory()) continue;
  for (const name of readdirSync(join(dir, year.name))) {
    if (name.endsWith('.md')) files.push(join(dir, year.name, name));
  }
}

const OPENING = /^---[ \t]*\n/;
const CLOSING = /\n---[ \t]*(\n|$)/;
let valid = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (!OPENING.test(text)) continue;
  const closing = CLOSING.exec(text);
  if (!closing) continue;
  const yaml = text.slice(text.indexOf('\n'), closing.index + 1);
  const parsed = parseYaml(yaml, TICKET_YAML_LIMITS);
  if (parsed.ok && ticket(parsed.value)) valid++;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`files ${files.length}, schema-valid ${valid}, seconds ${seconds.toFixed(3)}\n`);
