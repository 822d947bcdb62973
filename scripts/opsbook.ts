#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
/**
 * Entry point of the `opsbook` command line.
 */
import { run } from './cli/main.ts';
import { processIo } from './lib/io.ts';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `opsbook needs Node.js 22.12 or newer (this is ${process.versions.node}); see .nvmrc\n`,
  );
  process.exit(2);
}

process.exitCode = await run(process.argv.slice(2), processIo());
