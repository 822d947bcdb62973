#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
// The `opsbook` command. JavaScript, not TypeScript, on purpose: Node strips a TypeScript entry's
// types before any of its code runs, with its WebAssembly stripper (about 0.1 s of every command
// on a 2-vCPU machine), so an entry in TypeScript cannot turn V8's compile cache on for itself.
// This file turns the cache on first; the program (scripts/opsbook.ts) is then loaded stripped
// and compiled from the cache on every run but the first. docs/decisions.md, "The entry point".
import module from 'node:module';

// Cached in the OS temp folder (or NODE_COMPILE_CACHE); a cache that cannot be written is ignored.
module.enableCompileCache?.();
await import('../scripts/opsbook.ts');
