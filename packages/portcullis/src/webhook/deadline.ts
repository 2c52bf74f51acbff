/** Gatekeeper's validating webhook timeout: 3 s. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 3000;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60000 };

/** Parses the apiserver's `?timeout=` (a Go duration such as `3s`, `2500ms`); undefined when absent or odd. */
export function parseTimeoutParam(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(value.trim());
  if (m === null) return undefined;
  const n = Number(m[1]) * (UNIT_MS[m[2] ?? "s"] ?? 1000);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * The evaluation deadline of a request (ms since the epoch): the webhook timeout, or the
 * apiserver's shorter `?timeout=`, less a margin (a fifth, at most 250 ms) so that the answer
 * reaches the apiserver before it gives up.
 */
export function requestDeadline(now: number, webhookTimeoutMs: number, apiserverTimeoutMs?: number): number {
  const timeout =
    apiserverTimeoutMs !== undefined ? Math.min(webhookTimeoutMs, apiserverTimeoutMs) : webhookTimeoutMs;
  return now + timeout - Math.min(250, timeout / 5);
}
