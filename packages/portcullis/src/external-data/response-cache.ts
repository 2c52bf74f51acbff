/**
 * The provider response cache (`--external-data-provider-response-cache-ttl`): the answer each
 * provider gave for each string key, kept for a TTL as frameworks' `ProviderResponseCache` does.
 */
import type { CachedItem, ProviderReply } from "@portcullis/constraint";
import type { Value } from "@portcullis/rego";

/** Most entries kept; the oldest stored go first beyond it. */
export const MAX_CACHED_ITEMS = 100_000;

interface Entry {
  readonly provider: string;
  readonly key: string;
  readonly value: Value;
  readonly error: string;
  readonly idempotent: boolean;
  /** When the reply came (ms since the epoch). */
  readonly received: number;
}

/** Cached answers by provider, then key (see the module comment). */
export class ResponseCache {
  private readonly providers = new Map<string, Map<string, Entry>>();
  /** Every entry held, oldest stored first. */
  private readonly stored = new Set<Entry>();
  private lastPrune: number;

  /** `ttlMs <= 0` turns caching off. `now` gives ms since the epoch. */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastPrune = now();
  }

  /** Number of entries held, stale ones included until pruned. */
  get size(): number {
    return this.stored.size;
  }

  private get enabled(): boolean {
    return this.ttlMs > 0;
  }

  private stale(entry: Entry, now: number): boolean {
    return now - entry.received > this.ttlMs;
  }

  /** The answer cached for a provider's key; undefined when absent, stale or caching is off. */
  get(provider: string, key: string): CachedItem | undefined {
    if (!this.enabled) return undefined;
    const entry = this.providers.get(provider)?.get(key);
    if (entry === undefined || this.stale(entry, this.now())) return undefined;
    return { value: entry.value, error: entry.error };
  }

  /** Keeps each item of the reply whose key is a string; nothing when caching is off. */
  put(provider: string, reply: ProviderReply): void {
    if (!this.enabled) return;
    const received = this.now();
    this.pruneStale(received);
    for (const item of reply.items) {
      if (typeof item.key !== "string") continue;
      this.store({
        provider,
        key: item.key,
        value: item.value,
        error: item.error,
        idempotent: reply.idempotent,
        received,
      });
    }
    for (const oldest of this.stored) {
      if (this.stored.size <= MAX_CACHED_ITEMS) break;
      this.remove(oldest);
    }
  }

  /** Drops every answer of a provider (it changed or went). */
  forgetProvider(name: string): void {
    const entries = this.providers.get(name);
    if (entries === undefined) return;
    for (const entry of entries.values()) this.stored.delete(entry);
    this.providers.delete(name);
  }

  private store(entry: Entry): void {
    let entries = this.providers.get(entry.provider);
    if (entries === undefined) {
      entries = new Map();
      this.providers.set(entry.provider, entries);
    }
    const previous = entries.get(entry.key);
    if (previous !== undefined) this.stored.delete(previous);
    entries.set(entry.key, entry);
    this.stored.add(entry);
  }

  private remove(entry: Entry): void {
    this.stored.delete(entry);
    const entries = this.providers.get(entry.provider);
    if (entries === undefined) return;
    entries.delete(entry.key);
    if (entries.size === 0) this.providers.delete(entry.provider);
  }

  /** Removes stale entries, at most once per TTL. */
  private pruneStale(now: number): void {
    if (now - this.lastPrune < this.ttlMs) return;
    this.lastPrune = now;
    for (const entry of this.stored) {
      if (this.stale(entry, now)) this.remove(entry);
    }
  }
}
