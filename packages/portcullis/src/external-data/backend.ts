/** The external data backend of `serve`: loaded Providers, the response cache, and HTTPS. */
import { type ExternalDataBackend, PROVIDER_NOT_FOUND, type ProviderOutcome } from "@portcullis/constraint";
import { type ClientCertificate, sendToProvider } from "./provider-client.js";
import type { Provider } from "./provider-resource.js";
import type { ResponseCache } from "./response-cache.js";

/** What {@link createExternalDataBackend} works from. */
export interface ExternalDataBackendOptions {
  /** The loaded Providers by name; read at each call, so the map may change. */
  readonly providers: ReadonlyMap<string, Provider>;
  readonly cache: ResponseCache;
  /** The certificate to present to providers now (it may rotate); undefined: none. */
  readonly clientCertificate: () => ClientCertificate | undefined;
  /** How keys are sent; {@link sendToProvider} unless replaced (tests). */
  readonly send?: typeof sendToProvider;
}

/** The backend `external_data` sessions use in `serve`. */
export function createExternalDataBackend(options: ExternalDataBackendOptions): ExternalDataBackend {
  const { providers, cache } = options;
  const send = options.send ?? sendToProvider;
  return {
    hasProvider: (name) => providers.has(name),
    cached: (provider, key) => cache.get(provider, key),
    remember: (provider, reply) => cache.put(provider, reply),
    send: (name, keys, deadline): Promise<ProviderOutcome> => {
      const provider = providers.get(name);
      if (provider === undefined)
        return Promise.resolve({ failure: { status: 400, message: PROVIDER_NOT_FOUND } });
      return send(provider, keys, { clientCertificate: options.clientCertificate(), deadline });
    },
  };
}
