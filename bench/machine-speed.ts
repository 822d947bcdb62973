/**
 * How fast this machine is right now, on work shaped like Opsbook's but none of its code: a fixed
 * JavaScript workload (objects built, written as JSON and parsed back, on one thread) and the
 * time to open, read and close one ticket file of a generated repository (page cache warm). The
 * benchmark runner measures it before and after its benchmarks, so that figures taken on two
 * machines, or on one machine that slowed down meanwhile, can be set side by side.
 *
 *   node --experimental-strip-types bench/machine-speed.ts [REPO]   prints {"jsMs":…,"fileUs":…}
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

/** The median of five runs of the JavaScript workload, in ms. */
function javascriptMs(): number {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    let total = 0;
    for (let round = 0; round < 4; round++) {
      const tickets = [];
      for (let i = 0; i < 20_000; i++) {
        tickets.push({
          id: `INC-2026-${i}`,
          title: `Mail server ${i % 37} does not answer`,
          status: i % 3 === 0 ? 'resolved' : 'investigating',
          services: [{ id: 'mail', effect: 'major_outage' }],
          reported_at: new Date(1_767_225_600_000 + i * 60_000).toISOString(),
        });
      }
      total += (JSON.parse(JSON.stringify(tickets)) as unknown[]).length;
    }
    if (total !== 80_000) throw new Error('the workload went wrong');
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

/** Microseconds to open, read and close one file, over up to 20,000 Markdown files under `dir`. */
function fileUs(dir: string): number | null {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (files.length >= 20_000) return;
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.md')) files.push(join(d, e.name));
    }
  };
  walk(dir);
  if (files.length === 0) return null;
  const buffer = Buffer.allocUnsafe(1 << 20);
  const readAll = (): void => {
    for (const file of files) {
      const fd = openSync(file, 'r');
      while (readSync(fd, buffer, 0, buffer.length, null) > 0);
      closeSync(fd);
    }
  };
  readAll(); // into the page cache
  const start = performance.now();
  readAll();
  return ((performance.now() - start) * 1000) / files.length;
}

const repo = process.argv[2];
const result = { jsMs: Math.round(javascriptMs()), fileUs: repo ? fileUs(join(repo, 'incidents')) : null };
if (result.fileUs !== null) result.fileUs = Math.round(result.fileUs * 10) / 10;
console.log(JSON.stringify(result));
