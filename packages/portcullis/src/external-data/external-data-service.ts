/**
 * External data in one thread of `serve`: one response cache for every policy set in turn, the
 * certificate shown to providers, and the backend of each policy set's Providers.
 */
import type { ExternalDataBackend } from "@portcullis/constraint";
import { createExternalDataBackend } from "./backend.js";
import { type ClientCertificate, closeProviderAgent } from "./provider-client.js";
import type { Provider } from "./provider-resource.js";
import { ResponseCache } from "./response-cache.js";

/** What a thread's external data is set up with. */
export interface ExternalDataSettings {
  /** How long providers' answers are kept; 0 turns the cache off. */
  readonly cacheTtlMs: number;
  /** The certificate presented to providers; undefined: none. */
  readonly clientCertificate?: ClientCertificate;
}

/** See the module comment. */
export class ExternalDataService {
  private readonly cache: ResponseCache;
  private readonly backends = new WeakMap<object, ExternalDataBackend>();
  private lastProviders: ReadonlyMap<string, Provider> = new Map();
  private certificate: ClientCertificate | undefined;

  constructor(cacheTtlMs: number) {
    this.cache = new ResponseCache(cacheTtlMs);
  }

  /** Shows providers this certificate from now on (the serving one, after each rotation). */
  show(certificate: ClientCertificate | undefined): void {
    this.certificate = certificate;
  }

  /**
   * The backend answering `external_data` with a policy set's Providers (one per set). A Provider
   * that a newer set changes or drops loses its cached answers and its connections.
   */
  backendFor(set: { readonly providers: ReadonlyMap<string, Provider> }): ExternalDataBackend {
    let backend = this.backends.get(set);
    if (backend === undefined) {
      this.forgetChanged(set.providers);
      backend = createExternalDataBackend({
        providers: set.providers,
        cache: this.cache,
        clientCertificate: () => this.certificate,
      });
      this.backends.set(set, backend);
    }
    return backend;
  }

  private forgetChanged(providers: ReadonlyMap<string, Provider>): void {
    for (const [name, before] of this.lastProviders) {
      const now = providers.get(name);
      if (now !== undefined && JSON.stringify(now) === JSON.stringify(before)) continue;
      this.cache.forgetProvider(name);
      closeProviderAgent(name);
    }
    this.lastProviders = providers;
  }
}

const threadServices = new Map<number, ExternalDataService>();

/**
 * A backend for an audit's Providers from this thread's service for the settings' TTL: audits
 * come and go, and the answers one kept still serve the next.
 */
export function auditBackend(
  providers: readonly Provider[],
  settings: ExternalDataSettings,
): ExternalDataBackend {
  let service = threadServices.get(settings.cacheTtlMs);
  if (service === undefined) {
    service = new ExternalDataService(settings.cacheTtlMs);
    threadServices.set(settings.cacheTtlMs, service);
  }
  service.show(settings.clientCertificate);
  return service.backendFor({ providers: new Map(providers.map((p) => [p.name, p])) });
}
