/**
 * A fingerprint of Opsbook's own code and schemas: caches of derived results are keyed by it,
 * so a new or edited Opsbook never trusts what an older one computed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let version: string | undefined;

export function codeVersion(): string {
  if (version !== undefined) return version;
  const hash = createHash('sha256');
  for (const dir of ['scripts', 'schemas']) {
    const files = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|js|json)$/.test(f))
      .sort();
    for (const file of files) hash.update(file).update(readFileSync(join(ROOT, dir, file)));
  }
  version = hash.digest('hex').slice(0, 24);
  return version;
}
