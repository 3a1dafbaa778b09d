/**
 * Fixed-window counters per key (a client address), in memory. Each replica counts its own
 * callers: a second line behind the limits kept in the event store (per address, per code).
 */
import type { Clock } from '../shared/clock.ts';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** Counts a hit for the key; `allowed` is false once the window's limit is passed. */
export type Limiter = (key: string) => { allowed: boolean; retryAfterMs: number };

// Expired windows are swept only when this many keys are held, keeping the hot path a map lookup.
const SWEEP_AT = 10_000;

export function windowLimiter({ limit, windowMs }: WindowLimit, clock: Clock): Limiter {
  const windows = new Map<string, { startedAt: number; hits: number }>();
  return (key) => {
    const now = clock.now().getTime();
    if (windows.size >= SWEEP_AT) {
      for (const [k, w] of windows) if (now - w.startedAt >= windowMs) windows.delete(k);
    }
    let window = windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, hits: 0 };
      windows.set(key, window);
    }
    window.hits += 1;
    return { allowed: window.hits <= limit, retryAfterMs: Math.max(0, window.startedAt + windowMs - now) };
  };
}
