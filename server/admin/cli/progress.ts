import cliProgress from 'cli-progress';

/** A progress display that is a no-op when output is not a terminal (logs, pipes, CI). */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar on standard error, shown only on a TTY.
 * @param label what is being done, in Danish
 * @param stream where to draw (default process.stderr)
 * @returns the progress display
 */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total}`, stream, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
