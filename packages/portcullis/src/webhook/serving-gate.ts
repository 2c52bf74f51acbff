import { WebhookError } from "./webhook-error.js";

/** Gatekeeper's error when a request could not start before its deadline. */
export const SERVING_CANCELED = "serving context canceled, aborting request";

interface Waiter {
  readonly resolve: (release: () => void) => void;
  readonly reject: (e: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Bounds concurrent evaluations (`--max-serving-threads`): at most `limit` holders at once;
 * others wait in arrival order until a slot frees or their deadline passes, which rejects with
 * "serving context canceled, aborting request".
 */
export class ServingGate {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError("the serving limit must be at least 1");
  }

  /** Holders now. */
  get inFlight(): number {
    return this.active;
  }

  /** Waiters now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Takes a slot now if one is free; returns its release function, or undefined. */
  tryAcquire(): (() => void) | undefined {
    if (this.active >= this.limit) return undefined;
    this.active++;
    return this.releaser();
  }

  /** Takes a slot, waiting until `deadline` (ms since the epoch) at most. */
  acquire(deadline: number): Promise<() => void> {
    const now = this.tryAcquire();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, timer: undefined };
      waiter.timer = setTimeout(
        () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new WebhookError("serving_canceled", 500, SERVING_CANCELED));
        },
        Math.max(0, deadline - Date.now()),
      );
      this.waiting.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next === undefined) {
        this.active--;
        return;
      }
      clearTimeout(next.timer);
      next.resolve(this.releaser());
    };
  }
}
