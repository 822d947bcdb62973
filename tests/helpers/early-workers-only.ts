/**
 * A program for tests/validate/file-pool.test.ts: starts a file pool's workers early and then
 * ends without any eachFileChunk taking them; it must end by itself.
 */
import { startWorkersEarly } from '../../scripts/lib/file-pool.ts';

startWorkersEarly({ worker: new URL('./init-chunk-worker.ts', import.meta.url), threads: 3 }, 5000);
process.stdout.write('started\n');
