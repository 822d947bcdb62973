/**
 * Progress for long runs: shown on a terminal only, only once a run has taken over a second,
 * never in CI or when output is piped.
 */
import { type CommandIo, isInteractive } from './io.ts';

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

export function startProgress(
  io: CommandIo,
  label: string,
  clock: () => number = () => performance.now(),
): Progress {
  if (!isInteractive(io)) return SILENT;
  const started = clock();
  let shown = false;
  let lastDraw = 0;
  return {
    update(done, total) {
      const now = clock();
      if (now - started < 1000 || now - lastDraw < 100) return;
      lastDraw = now;
      shown = true;
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      io.stderr.write(`\r${label} ${done}/${total} (${percent}%)\u001b[K`);
    },
    done() {
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}
