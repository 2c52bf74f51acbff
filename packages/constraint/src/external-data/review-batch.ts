/**
 * A batch of reviews whose templates may call external data providers: each item gets a session
 * of its own (with its deadline), the batch is reviewed at once, and the items whose calls waited
 * are reviewed again, each alone, once their calls are answered.
 */
import type { ConstraintClient, ReviewItem, ReviewOutcome } from "../client.js";
import { type ExternalDataBackend, ExternalDataSession, settleAfter } from "./session.js";

/**
 * `client.reviewBatch(items)` with `external_data` answered by `backend`: the outcomes at once
 * when no call had to wait, else a promise of them.
 */
export function reviewBatchWithExternalData(
  client: ConstraintClient,
  items: readonly ReviewItem[],
  backend: ExternalDataBackend,
): ReviewOutcome[] | Promise<ReviewOutcome[]> {
  const sessions = items.map((item) => new ExternalDataSession(backend, item.options?.deadline));
  const withSessions = items.map(
    (item, i): ReviewItem => ({
      subject: item.subject,
      options: { ...item.options, externalData: sessions[i] },
    }),
  );
  const outcomes = client.reviewBatch(withSessions);
  if (!sessions.some((s) => s.waiting)) return outcomes;
  return Promise.all(
    sessions.map(async (session, i) => {
      const item = withSessions[i];
      const first = outcomes[i];
      if (!session.waiting || item === undefined || first === undefined) return;
      outcomes[i] = await settleAfter(session, first, () => client.reviewBatch([item])[0] ?? first);
    }),
  ).then(() => outcomes);
}
