/**
 * Worker threads of Opsbook's own TypeScript modules, started with V8's compile cache already
 * on. A worker's entry module is loaded before any of its code runs, so a module that turned
 * the cache on itself would be type-stripped without it: Node then loads its TypeScript
 * stripper (a WebAssembly module), some 35 ms of every worker's start on a 2-vCPU machine.
 * The worker therefore starts from a one-line bootstrap that turns the cache on and then
 * imports the module; everything else (workerData, messages, errors, exit) is as with
 * `new Worker(module)`.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(module: URL, options: WorkerOptions = {}): Worker {
  // Evaluated as a CommonJS script: `require` is there, and `import()` loads the ES module; an
  // error the module throws fails the import, which ends the worker with an 'error' event.
  const bootstrap = `require('node:module').enableCompileCache?.();import(${JSON.stringify(module.href)});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
