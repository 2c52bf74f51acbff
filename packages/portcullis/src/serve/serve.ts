import type { Server } from "node:http";
import type { SecureVersion } from "node:tls";
import type { Logger } from "pino";
import type { AuditExternalData } from "../audit/policy-loader.js";
import { ensureCertificates, readClientCa, type ServingCertificates } from "../certs/cert-dir.js";
import { watchCertificates } from "../certs/watch-certificates.js";
import { ExternalDataService } from "../external-data/external-data-service.js";
import { type ClientCertificate, closeProviderAgents } from "../external-data/provider-client.js";
import { startMetricsServer } from "../metrics/metrics-server.js";
import { WebhookMetrics } from "../metrics/webhook-metrics.js";
import { problemText } from "../policies/policy-problem.js";
import type { PolicySet, PolicySetOptions } from "../policies/policy-set.js";
import { PolicyStore } from "../policies/policy-store.js";
import { DEFAULT_CLIENT_CN } from "../webhook/client-auth.js";
import { type NamespaceExemption, serviceAccountUsername } from "../webhook/exemptions.js";
import { WebhookServer } from "../webhook/webhook-server.js";
import { admissionEndpoints } from "./admission-endpoints.js";
import { AdmissionPool } from "./admission-pool.js";
import type { AdmissionWorkerSettings } from "./admission-worker-protocol.js";
import type { AuditRunner } from "./audit-hook.js";
import { startHealthServer } from "./health-server.js";

/** Batches a webhook worker is given at once (decision 0009). */
const BATCHES_PER_WORKER = 2;

/** Everything `portcullis serve` is started with. */
export interface ServeOptions {
  readonly policiesDir: string;
  /** Address all servers listen on; undefined means every interface. */
  readonly host?: string;
  readonly port: number;
  readonly healthPort: number;
  readonly metricsPort: number;
  readonly certDir: string;
  readonly certDns: readonly string[];
  readonly tlsMinVersion: SecureVersion;
  readonly exemption: NamespaceExemption;
  readonly logDenies: boolean;
  /** Namespace the webhook runs in: its own service account there is not reviewed. */
  readonly namespace: string;
  readonly webhookTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** Worker threads deciding admission requests (`--max-serving-threads`); 0 decides on the event loop. */
  readonly maxServing: number;
  /** Most admission requests reviewed together. */
  readonly maxBatch: number;
  readonly maxBodyBytes: number;
  /** Reload policies and certificates on change (default true). */
  readonly watch?: boolean;
  /**
   * How policies are loaded (`--engine`, `--enable-generator-resource-expansion`,
   * `--disable-opa-builtin`, …), on the event loop and in worker threads alike.
   */
  readonly policySet?: PolicySetOptions;
  /** Log each request's template run times (Gatekeeper's `--log-stats-admission`). */
  readonly logStatsAdmission?: boolean;
  /**
   * The CA bundle in `certDir` callers' certificates must chain to (`--client-ca-name`); absent:
   * callers are not asked for a certificate.
   */
  readonly clientCaName?: string;
  /** The common name callers' certificates must have (`--client-cn-name`, default kube-apiserver). */
  readonly clientCnName?: string;
  /**
   * External data (`--enable-external-data`, with `policySet.externalData`): how long providers'
   * answers are cached (`--external-data-provider-response-cache-ttl`). Absent: off.
   */
  readonly externalData?: { readonly cacheTtlMs: number };
  readonly logger: Logger;
  /** An audit loop to run beside the webhook (see {@link AuditRunner}). */
  readonly audit?: AuditRunner;
}

/** A running `serve`. */
export interface ServeHandle {
  readonly webhookUrl: string;
  readonly ports: { readonly webhook: number; readonly health: number; readonly metrics: number };
  readonly certificates: ServingCertificates;
  readonly policies: PolicyStore;
  readonly metrics: WebhookMetrics;
  close(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Gives the webhook workers the policies in force, and every set a reload puts in force after
 * them (a worker builds its own from the documents), with the settings of the moment. Returns
 * what sends the policies in force again (after the settings changed).
 */
async function keepWorkersInStep(
  pool: AdmissionPool,
  settings: () => AdmissionWorkerSettings,
  store: PolicyStore,
  listeners: Set<(set: PolicySet) => void>,
  log: Logger,
): Promise<() => void> {
  const send = (set: PolicySet): Promise<void> => pool.setPolicies(set.documents, settings());
  const sendLogged = (set: PolicySet): void => {
    send(set).catch((e: unknown) => log.error({ error: String(e) }, "webhook workers not reloaded"));
  };
  const current = store.current;
  if (current !== undefined) await send(current);
  listeners.add(sendLogged);
  return () => {
    if (store.current !== undefined) sendLogged(store.current);
  };
}

/** The external data an audit answers with: the Providers of the policies in force, when a template may call them. */
function auditExternalData(
  set: PolicySet | undefined,
  cacheTtlMs: number,
  clientCertificate: ClientCertificate,
): AuditExternalData | undefined {
  if (set === undefined || !set.callsExternalData) return undefined;
  return { providers: [...set.providers.values()], settings: { cacheTtlMs, clientCertificate } };
}

/**
 * Starts the webhook process: certificates from `--cert-dir` (created when absent, reloaded on
 * change), the policies (loaded before listening, then watched), the HTTPS webhook, the health
 * and metrics servers, and the audit runner when given. Throws when the certificates or the
 * policies directory cannot be used or a port cannot be bound.
 */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const log = options.logger;
  const metrics = new WebhookMetrics();
  metrics.collectProcessMetrics();
  const listeners = new Set<(set: PolicySet) => void>();
  const store = new PolicyStore(options.policiesDir, {
    ...options.policySet,
    onLoad: (set, ms) => {
      metrics.observePolicies(set.stats);
      log.info(
        {
          dir: options.policiesDir,
          templates: set.stats.templates.active,
          constraints: set.client.constraints().length,
          problems: set.problems.length,
          ms: Math.round(ms),
        },
        "policies loaded",
      );
      for (const p of set.problems) log.warn({ file: p.file, code: p.code }, problemText(p));
      for (const l of listeners) l(set);
    },
    onError: (e) => log.error({ dir: options.policiesDir, error: String(e) }, "policies not reloaded"),
  });
  const certificates = ensureCertificates(options.certDir, options.certDns);
  const clientAuth =
    options.clientCaName === undefined
      ? undefined
      : {
          ca: readClientCa(options.certDir, options.clientCaName),
          commonName: options.clientCnName ?? DEFAULT_CLIENT_CN,
        };
  if (certificates.generated) log.info({ dir: options.certDir }, "created a CA and serving certificate");
  // Providers that ask for a client certificate are shown the serving one, as Gatekeeper does.
  let clientCertificate: ClientCertificate = { cert: certificates.cert, key: certificates.key };
  const cacheTtl = options.externalData?.cacheTtlMs ?? 0;
  const externalData = options.externalData === undefined ? undefined : new ExternalDataService(cacheTtl);
  externalData?.show(clientCertificate);
  const ownUsername = serviceAccountUsername(options.namespace);
  const pool = options.maxServing > 0 ? await AdmissionPool.start({ size: options.maxServing }) : undefined;
  const closers: (() => Promise<void> | void)[] = [];
  let onCertificate = (): void => {};
  if (pool !== undefined) closers.push(() => pool.close());
  if (externalData !== undefined) closers.push(closeProviderAgents);
  try {
    await store.load();
    if (pool !== undefined) {
      const settings = (): AdmissionWorkerSettings => ({
        ownUsername,
        logDenies: options.logDenies,
        logStats: options.logStatsAdmission === true,
        ...(options.policySet !== undefined ? { policySet: options.policySet } : {}),
        ...(options.externalData !== undefined
          ? { externalData: { cacheTtlMs: options.externalData.cacheTtlMs, clientCertificate } }
          : {}),
      });
      const resend = await keepWorkersInStep(pool, settings, store, listeners, log);
      // Workers show providers the certificate they were last given.
      if (options.externalData !== undefined) onCertificate = resend;
    }
  } catch (e: unknown) {
    for (const c of closers.reverse()) await c();
    throw e;
  }
  const server = new WebhookServer({
    ...(options.host !== undefined ? { host: options.host } : {}),
    port: options.port,
    cert: certificates.cert,
    key: certificates.key,
    tlsMinVersion: options.tlsMinVersion,
    endpoints: admissionEndpoints({
      policies: () => store.current,
      ownUsername,
      exemption: options.exemption,
      logDenies: options.logDenies,
      logStats: options.logStatsAdmission === true,
      logger: log,
      metrics,
      ...(pool !== undefined ? { pool } : {}),
      ...(externalData !== undefined
        ? { externalData: (set: PolicySet) => externalData.backendFor(set) }
        : {}),
    }),
    maxBodyBytes: options.maxBodyBytes,
    webhookTimeoutMs: options.webhookTimeoutMs,
    readTimeoutMs: options.readTimeoutMs,
    maxBatch: options.maxBatch,
    // Only /v1/admit goes to the workers; /v1/admitlabel is decided on the event loop. Two
    // batches in flight per worker: it starts the next while the event loop answers the last.
    lanes: { "/v1/admit": pool === undefined ? 1 : pool.size * BATCHES_PER_WORKER },
    onRequestError: (path, e) => log.warn({ path, error: e.message }, "bad admission request"),
    ...(clientAuth !== undefined
      ? {
          clientAuth,
          onClientRefused: (reason: string) => log.warn({ error: reason }, "TLS handshake error"),
        }
      : {}),
  });
  try {
    const webhookPort = await server.listen();
    closers.push(() => server.close());
    const health = await startHealthServer(
      () => store.current !== undefined,
      options.healthPort,
      options.host,
    );
    closers.push(() => closeServer(health.server));
    const prom = await startMetricsServer(() => metrics.expose(), options.metricsPort, options.host);
    closers.push(() => closeServer(prom.server));
    if (options.watch !== false) {
      store.watch();
      closers.push(() => store.close());
      const stopCerts = watchCertificates(
        options.certDir,
        (c) => {
          server.setCertificate(c.cert, c.key);
          clientCertificate = { cert: c.cert, key: c.key };
          externalData?.show(clientCertificate);
          onCertificate();
          log.info({ dir: options.certDir }, "serving certificate reloaded");
        },
        (e) => log.warn({ dir: options.certDir, error: String(e) }, "serving certificate not reloaded"),
      );
      closers.push(stopCerts);
    }
    if (options.audit !== undefined) {
      const audit = options.audit;
      await audit.start({
        policies: () => store.current,
        onPoliciesChanged: (l) => {
          listeners.add(l);
          return () => listeners.delete(l);
        },
        logger: log.child({ process: "audit" }),
        registry: metrics.registry,
        ownUsername,
        ...(options.externalData !== undefined
          ? { externalData: () => auditExternalData(store.current, cacheTtl, clientCertificate) }
          : {}),
      });
      closers.push(() => audit.stop());
    }
    const host = options.host === undefined || options.host === "0.0.0.0" ? "127.0.0.1" : options.host;
    const urlHost = host.includes(":") ? `[${host}]` : host;
    return {
      webhookUrl: `https://${urlHost}:${webhookPort}`,
      ports: { webhook: webhookPort, health: health.port, metrics: prom.port },
      certificates,
      policies: store,
      metrics,
      close: async () => {
        for (const c of closers.reverse()) await c();
      },
    };
  } catch (e: unknown) {
    for (const c of closers.reverse()) await c();
    throw e;
  }
}
