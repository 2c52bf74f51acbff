import type { Server } from "node:http";
import type { Logger } from "pino";
import type { AuditLogger } from "../audit/audit-log.js";
import { type AuditLoop, auditLoopError, startAuditLoop } from "../audit/audit-loop.js";
import { ClusterSource } from "../audit/cluster-source.js";
import { AuditError, errorMessage } from "../audit/errors.js";
import { FolderSource } from "../audit/folder-source.js";
import { MatchKindOnlySource } from "../audit/match-kind-only.js";
import { MemorySource } from "../audit/memory-source.js";
import type { ObjectSource } from "../audit/object-source.js";
import { newClient } from "../audit/policy-loader.js";
import type { Reviewer } from "../audit/reviewer.js";
import type { AuditResult } from "../audit/run-audit.js";
import { WorkerPool } from "../audit/worker-pool.js";
import { KubeApi, KubeApiError, type KubeApiOptions } from "../kube/kube-api.js";
import { namespaceLookup } from "../policies/namespace-lookup.js";
import { StoreWriterThread } from "../store/store-thread.js";
import type { RecordOutcome } from "../store/violation-store.js";
import { ViolationStore } from "../store/violation-store.js";
import { routeReviewPreview } from "./api-review-route.js";
import { API_PREFIX, routeApi } from "./api-routes.js";
import { startApiServer } from "./api-server.js";
import type { AuditContext, AuditRunner } from "./audit-hook.js";
import { AuditMetrics } from "./audit-metrics.js";
import { DashboardAssets } from "./dashboard-assets.js";
import { AuditExcludedSource } from "./excluded-source.js";
import { previewReviews } from "./review-preview.js";
import { watchFolder } from "./watch-folder.js";

/**
 * What `serve` audits: a folder (or file) of manifests, rescanned by every audit (`--objects`),
 * the objects of a cluster, listed by every audit (`--audit-cluster`), or nothing: the API and
 * dashboard alone (an explicit `--api-port` without either; no audits run).
 */
export type AuditObjects =
  | { readonly dir: string }
  | { readonly cluster: KubeApiOptions }
  | { readonly none: true };

/** The audited objects, for messages: the folder, or the kubeconfig (and context) of the cluster. */
export function describeObjects(objects: AuditObjects): string {
  if ("dir" in objects) return objects.dir;
  if ("none" in objects) return "nothing";
  const { kubeconfig, context } = objects.cluster;
  const config = kubeconfig ?? "the default kubeconfig";
  return `the cluster of ${config}${context === undefined ? "" : ` (context ${context})`}`;
}

/** How `serve` audits: the object source, the store, the API. */
export interface ServeAuditOptions {
  readonly objects: AuditObjects;
  /** `--data-dir`: where the violation store lives. */
  readonly dataDir: string;
  /** `--audit-interval` in seconds; 0 turns audits off (the API still serves the store). */
  readonly interval: number;
  /** `--constraint-violations-limit`. */
  readonly limit: number;
  /** `--audit-chunk-size`. */
  readonly chunkSize?: number;
  /** `--audit-workers`: worker threads; 0 reviews and writes the store in serve's own thread. */
  readonly workers: number;
  /** `--api-host`, `--api-port`. */
  readonly apiHost: string;
  readonly apiPort: number;
  /** Re-audit when the objects folder changes (default true; a cluster is audited every interval). */
  readonly watch?: boolean;
  /** Quiet time after a change to the objects before re-auditing (default 200 ms). */
  readonly debounceMs?: number;
  /** `--log-stats-audit`: log each audited object's template run times. */
  readonly logStats?: boolean;
  /** Serve the web dashboard at the API's `/` (default true; `--no-dashboard` turns it off). */
  readonly dashboard?: boolean;
  /** `--audit-match-kind-only`: list only the kinds the constraints in force name. */
  readonly matchKindOnly?: boolean;
}

interface Running {
  readonly loop: AuditLoop;
  readonly store: ViolationStore;
  /** Writes audits to the store off the webhook's thread (with audit workers). */
  readonly writer: StoreWriterThread | undefined;
  readonly api: Server;
  readonly apiUrl: string;
  readonly cleanups: (() => void)[];
}

/** Audit log lines through serve's logger, whose child already carries `process: "audit"`. */
function auditLogger(log: Logger): AuditLogger {
  return {
    info(fields, msg) {
      const rest: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fields)) if (k !== "process") rest[k] = v;
      log.info(rest, msg);
    },
  };
}

function urlOf(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}${API_PREFIX}`;
}

/** The source of the audited objects; throws AuditError when the folder or cluster cannot be read. */
function objectSource(objects: AuditObjects): ObjectSource {
  if ("none" in objects) return new MemorySource([]);
  if ("cluster" in objects) {
    try {
      return new ClusterSource(KubeApi.connect(objects.cluster));
    } catch (e: unknown) {
      if (e instanceof KubeApiError)
        throw new AuditError("objects_not_found", `--audit-cluster: ${e.message}`);
      throw e;
    }
  }
  const source = new FolderSource(objects.dir);
  source.refresh();
  const missing = source.problems().find((p) => p.file === objects.dir);
  if (missing !== undefined)
    throw new AuditError("objects_not_found", `--objects: ${missing.message}`, { file: objects.dir });
  return source;
}

/**
 * `serve`'s audit (Gatekeeper's `--operation=audit` beside the webhook): audits the objects
 * folder against the policies `serve` loaded, at once, every interval, after every policy
 * reload and after the folder changes; records each audit in the violation store; keeps
 * Gatekeeper's audit metrics; and answers the JSON API (see `routeApi`).
 */
export class ServeAudit implements AuditRunner {
  private state: Running | undefined;
  private stopped = false;

  constructor(readonly options: ServeAuditOptions) {}

  /** The API's base URL (`http://host:port/api/v1`) once started. */
  get apiUrl(): string | undefined {
    return this.state?.apiUrl;
  }

  /** The dashboard's URL once started, unless it is turned off. */
  get dashboardUrl(): string | undefined {
    const api = this.state?.apiUrl;
    return api === undefined || this.options.dashboard === false
      ? undefined
      : `${api.slice(0, -API_PREFIX.length)}/`;
  }

  /** The store's file once started. */
  get storeFile(): string | undefined {
    return this.state?.store.file;
  }

  /** The last completed audit. */
  latest(): AuditResult | undefined {
    return this.state?.loop.latest();
  }

  /** Runs a fresh audit (after the running one, if any). */
  rerun(): Promise<AuditResult> {
    if (this.state === undefined) return Promise.reject(new AuditError("audit_aborted", "audit not started"));
    return this.state.loop.rerun();
  }

  async start(context: AuditContext): Promise<void> {
    const o = this.options;
    const log = context.logger;
    const source = objectSource(o.objects);
    const store = ViolationStore.open(o.dataDir);
    let reviewer: Reviewer | undefined;
    let writer: StoreWriterThread | undefined;
    let api: { server: Server; port: number } | undefined;
    try {
      reviewer = o.workers > 0 ? await WorkerPool.start({ size: o.workers }) : undefined;
      writer = o.workers > 0 ? await StoreWriterThread.start(o.dataDir) : undefined;
      api = await startApiServer(
        (req) =>
          routeApi(req, {
            latest: () => this.state?.loop.latest(),
            running: () => this.state?.loop.running() ?? false,
            store,
            policies: () => context.policies(),
          }),
        o.apiPort,
        o.apiHost,
        o.dashboard === false ? undefined : new DashboardAssets(),
        (contentType, body) =>
          routeReviewPreview(contentType, body, (request) => {
            const set = context.policies();
            return previewReviews(set, request, {
              ownUsername: context.ownUsername ?? "",
              namespaces: namespaceLookup(set?.namespaces ?? new Map()),
            });
          }),
      );
    } catch (e: unknown) {
      await reviewer?.close();
      await writer?.close();
      store.close();
      throw e;
    }
    const metrics = new AuditMetrics(context.registry);
    const report = (e: unknown): void => {
      if (!this.stopped) log.error({ error: errorMessage(e) }, auditLoopError(e));
    };
    const onAudit = (r: AuditResult, stored: RecordOutcome | undefined): void => {
      metrics.observe(r);
      log.info(
        {
          audit_id: r.auditId,
          objects: r.objectsReviewed,
          violations: r.violations.length,
          ...(stored !== undefined
            ? { new_violations: stored.newViolations, resolved_violations: stored.resolvedViolations }
            : {}),
          ms: r.finishedAt - r.startedAt,
        },
        "audit recorded",
      );
      for (const p of r.problems) log.warn({ audit_id: r.auditId }, p);
    };
    const auditing = !("none" in o.objects);
    const loop = startAuditLoop({
      client: () => context.policies()?.client ?? newClient(),
      source: new AuditExcludedSource(
        o.matchKindOnly === true
          ? new MatchKindOnlySource(source, () => context.policies()?.client.constraints() ?? [])
          : source,
        () => context.policies()?.config.excluder,
      ),
      store: writer ?? store,
      interval: auditing ? o.interval : 0,
      limit: o.limit,
      ...(o.chunkSize !== undefined ? { chunkSize: o.chunkSize } : {}),
      logger: auditLogger(log),
      logStats: o.logStats === true,
      ...(reviewer !== undefined ? { reviewer } : {}),
      ...(context.externalData !== undefined ? { externalData: context.externalData } : {}),
      immediate: true,
      onAudit,
      onError: report,
    });
    const cleanups: (() => void)[] = [];
    if (auditing && o.interval > 0) {
      const again = (): void => void loop.rerun().catch(report);
      const unsubscribe = context.onPoliciesChanged(again);
      cleanups.push(() => void unsubscribe());
      const objects = o.objects;
      if (o.watch !== false && "dir" in objects)
        cleanups.push(
          watchFolder(
            objects.dir,
            again,
            (e) => log.warn({ dir: objects.dir, error: errorMessage(e) }, "objects folder not watched"),
            o.debounceMs,
          ),
        );
    }
    this.state = { loop, store, writer, api: api.server, apiUrl: urlOf(o.apiHost, api.port), cleanups };
  }

  async stop(): Promise<void> {
    const s = this.state;
    if (s === undefined) return;
    this.stopped = true;
    for (const c of s.cleanups) c();
    await s.loop.stop();
    await new Promise<void>((done) => {
      s.api.close(() => done());
      s.api.closeAllConnections();
    });
    await s.writer?.close();
    s.store.close();
    this.state = undefined;
  }
}
