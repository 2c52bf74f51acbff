/**
 * One review's external data. Evaluation is synchronous, providers are not: a call to
 * `external_data` that needs an answer nobody has yet is recorded and stays undefined, the
 * review is finished, the calls are sent, and the review runs again with their answers
 * ({@link settleExternalData}). Answers then come from this session, or from the response cache
 * when every key is there.
 */
import type { Value } from "@portcullis/rego";
import {
  failureResponse,
  PROVIDER_NOT_FOUND,
  type ProviderItem,
  type ProviderOutcome,
  type ProviderReply,
  regoResponse,
} from "./provider-reply.js";

/** A key's entry in the provider response cache. */
export interface CachedItem {
  readonly value: Value;
  readonly error: string;
}

/** Where a session finds providers, cached answers and the means to ask. */
export interface ExternalDataBackend {
  /** Whether a Provider of this name is loaded. */
  hasProvider(name: string): boolean;
  /** The cached answer for a key, unless absent, stale or caching is off. */
  cached(provider: string, key: string): CachedItem | undefined;
  /** Keeps a reply's items in the response cache (nothing when caching is off). */
  remember(provider: string, reply: ProviderReply): void;
  /** Sends keys to a provider before `deadline` (ms since the epoch). Never rejects. */
  send(provider: string, keys: readonly string[], deadline: number | undefined): Promise<ProviderOutcome>;
}

/** What `external_data` asks of the review it runs in. */
export interface ExternalDataSource {
  /** The call's value, or undefined while it waits for a provider. */
  answer(provider: string, keys: readonly string[]): Value | undefined;
}

interface PendingCall {
  readonly provider: string;
  /** Items the response cache had. */
  readonly cached: readonly ProviderItem[];
  /** Keys to send, in the order asked. */
  readonly missing: readonly string[];
}

/** Rounds of sending after which calls still waiting are answered with an error. */
export const MAX_EXTERNAL_DATA_ROUNDS = 8;

/** The message of calls still waiting after {@link MAX_EXTERNAL_DATA_ROUNDS} rounds. */
export const UNSETTLED_MESSAGE = `external data calls did not settle after ${MAX_EXTERNAL_DATA_ROUNDS} rounds`;

function callId(provider: string, keys: readonly string[]): string {
  return JSON.stringify([provider, keys]);
}

/** The external data of one review (see the module comment). */
export class ExternalDataSession implements ExternalDataSource {
  private readonly answered = new Map<string, Value>();
  private readonly pending = new Map<string, PendingCall>();
  private settled = false;

  constructor(
    private readonly backend: ExternalDataBackend,
    private readonly deadline?: number,
  ) {}

  /** True when the last run left calls waiting for a provider. */
  get waiting(): boolean {
    return this.pending.size > 0;
  }

  answer(provider: string, keys: readonly string[]): Value | undefined {
    const id = callId(provider, keys);
    const known = this.answered.get(id);
    if (known !== undefined) return known;
    if (!this.backend.hasProvider(provider))
      return failureResponse({ status: 400, message: PROVIDER_NOT_FOUND });
    const cached: ProviderItem[] = [];
    const missing: string[] = [];
    for (const key of keys) {
      const hit = this.backend.cached(provider, key);
      if (hit === undefined) missing.push(key);
      else cached.push({ key, value: hit.value, error: hit.error });
    }
    if (missing.length === 0) return regoResponse(0, cached, "");
    if (this.settled) return failureResponse({ status: 500, message: UNSETTLED_MESSAGE });
    if (!this.pending.has(id)) this.pending.set(id, { provider, cached, missing });
    return undefined;
  }

  /** Sends every waiting call (together), then keeps their answers for the next run. */
  async resolve(): Promise<void> {
    const calls = [...this.pending];
    this.pending.clear();
    await Promise.all(
      calls.map(async ([id, call]) => {
        const outcome = await this.backend.send(call.provider, call.missing, this.deadline);
        if ("failure" in outcome) {
          this.answered.set(id, failureResponse(outcome.failure));
          return;
        }
        const reply = outcome.reply;
        this.backend.remember(call.provider, reply);
        this.answered.set(
          id,
          regoResponse(reply.status, [...call.cached, ...reply.items], reply.systemError),
        );
      }),
    );
  }

  /** From now on, a call that would wait is answered with {@link UNSETTLED_MESSAGE}. */
  stopWaiting(): void {
    this.pending.clear();
    this.settled = true;
  }
}

/**
 * Runs `review` until its external data calls are answered: after a run that left calls
 * waiting, they are sent and the review runs again. Returns the last run's outcome.
 */
export function settleExternalData<T>(session: ExternalDataSession, review: () => T): Promise<T> {
  return settleAfter(session, review(), review);
}

/** {@link settleExternalData} after a first run already made (its outcome is `first`). */
export async function settleAfter<T>(session: ExternalDataSession, first: T, review: () => T): Promise<T> {
  let outcome = first;
  for (let round = 0; session.waiting; round++) {
    if (round < MAX_EXTERNAL_DATA_ROUNDS) await session.resolve();
    else session.stopWaiting();
    outcome = review();
  }
  return outcome;
}
