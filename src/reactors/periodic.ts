/** A reactor's scheduling: a pass now and then every `intervalMs`, one pass at a time; a failed pass is logged and the next one runs. */
export interface PeriodicPass {
  /** Runs a pass (after any in progress) — for tests and for a clock that jumped. */
  runNow(): Promise<unknown>;
  stop(): Promise<void>;
}

export function runPeriodically(pass: () => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void): PeriodicPass {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const runNow = () => {
    if (stopped) return running;
    running = running.then(pass).catch(onError);
    return running;
  };
  const timer = setInterval(runNow, intervalMs);
  timer.unref();
  void runNow();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
