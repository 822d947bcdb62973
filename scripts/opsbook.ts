#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
/**
 * The `opsbook` command line's program, loaded by `bin/opsbook.js` (which turns V8's compile
 * cache on before this file is stripped of its types). Kept tiny: it checks the Node version and
 * turns the cache on when it is run directly, before the rest of the program is loaded, so later
 * runs (and the worker threads of a large validation) skip parsing and compiling the modules again.
 */
import module from 'node:module';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `opsbook needs Node.js 22.12 or newer (this is ${process.versions.node}); see .nvmrc\n`,
  );
  process.exit(2);
}

// Cached in the OS temp folder (or NODE_COMPILE_CACHE); a cache that cannot be written is ignored.
module.enableCompileCache?.();

// A reader that goes away early (`opsbook sla | head`) ends the command quietly with status 141,
// as the SIGPIPE signal ends other command-line programs, instead of an unhandled stream error.
// Files are always written atomically, so stopping here never leaves a half-written one.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && stream === process.stdout) {
      process.stderr.write(`opsbook: cannot write the output: ${error.message}\n`);
    }
    process.exit(error.code === 'EPIPE' ? 141 : 2);
  });
}

const { run } = await import('./cli/main.ts');
const { processIo } = await import('./lib/io.ts');
process.exitCode = await run(process.argv.slice(2), processIo());
