import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { PolicyStats } from "../policies/policy-set.js";

/** Gatekeeper's enforcement actions as the `gatekeeper_violations` label values. */
export const VIOLATION_ACTIONS = ["deny", "dryrun", "warn", "scoped", "unrecognized"] as const;

/** Latency buckets (seconds) for admission requests: fine below 10 ms, up to 10 s. */
const REQUEST_BUCKETS = [
  0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.3, 0.5, 0.75,
  1, 1.5, 2, 2.5, 3, 4, 5, 10,
];
const INGESTION_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];

/**
 * The webhook process's Prometheus metrics, under Gatekeeper's names so that existing dashboards
 * and alerts keep working: request count and duration, constraints and templates by status,
 * template ingestion, CEL templates, ExpansionTemplates by status.
 */
export class WebhookMetrics {
  readonly registry = new Registry();
  private readonly requestCount: Counter<"admission_status" | "admission_dryrun">;
  private readonly requestDuration: Histogram<"admission_status">;
  private readonly constraints: Gauge<"enforcement_action" | "status">;
  private readonly templates: Gauge<"status">;
  private readonly ingestionCount: Counter<"status">;
  private readonly ingestionDuration: Histogram<"status">;
  private readonly templatesWithCel: Gauge;
  private readonly expansionTemplates: Gauge<"status">;

  constructor() {
    const registers = [this.registry];
    this.requestCount = new Counter({
      name: "gatekeeper_validation_request_count",
      help: "The number of requests that are routed to validation webhook",
      labelNames: ["admission_status", "admission_dryrun"],
      registers,
    });
    this.requestDuration = new Histogram({
      name: "gatekeeper_validation_request_duration_seconds",
      help: "The response time in seconds",
      labelNames: ["admission_status"],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.constraints = new Gauge({
      name: "gatekeeper_constraints",
      help: "Current number of known constraints",
      labelNames: ["enforcement_action", "status"],
      registers,
    });
    this.templates = new Gauge({
      name: "gatekeeper_constraint_templates",
      help: "Number of observed constraint templates",
      labelNames: ["status"],
      registers,
    });
    this.ingestionCount = new Counter({
      name: "gatekeeper_constraint_template_ingestion_count",
      help: "Total number of constraint template ingestion actions",
      labelNames: ["status"],
      registers,
    });
    this.ingestionDuration = new Histogram({
      name: "gatekeeper_constraint_template_ingestion_duration_seconds",
      help: "Distribution of how long it took to ingest a constraint template in seconds",
      labelNames: ["status"],
      buckets: INGESTION_BUCKETS,
      registers,
    });
    this.templatesWithCel = new Gauge({
      name: "gatekeeper_constraint_templates_with_cel",
      help: "Number of constraint templates with CEL engine",
      registers,
    });
    this.expansionTemplates = new Gauge({
      name: "gatekeeper_expansion_templates",
      help: "Number of observed expansion templates",
      labelNames: ["status"],
      registers,
    });
  }

  /** Counts one admission request with its outcome and duration. */
  observeRequest(status: string, dryRun: boolean, seconds: number): void {
    this.requestCount.inc({ admission_status: status, admission_dryrun: dryRun ? "true" : "false" });
    this.requestDuration.observe({ admission_status: status }, seconds);
  }

  /** Sets the policy gauges from a (re)load and records its template ingestions. */
  observePolicies(stats: PolicyStats): void {
    this.templates.reset();
    this.templates.set({ status: "active" }, stats.templates.active);
    this.templates.set({ status: "error" }, stats.templates.error);
    this.constraints.reset();
    for (const action of ["deny", "dryrun", "warn", "scoped"]) {
      const c = stats.constraints.get(action) ?? { active: 0, error: 0 };
      this.constraints.set({ enforcement_action: action, status: "active" }, c.active);
      this.constraints.set({ enforcement_action: action, status: "error" }, c.error);
    }
    this.templatesWithCel.set(stats.templatesWithCel);
    this.expansionTemplates.set({ status: "active" }, stats.expansions.active);
    this.expansionTemplates.set({ status: "error" }, stats.expansions.error);
    for (const i of stats.ingestions) {
      this.ingestionCount.inc({ status: i.status });
      this.ingestionDuration.observe({ status: i.status }, i.seconds);
    }
  }

  /** The exposition text and its content type. */
  /**
   * Adds the process's metrics, which Gatekeeper's endpoint serves as well (from the Prometheus
   * Go client) under the same names: `process_cpu_seconds_total`, `process_resident_memory_bytes`,
   * `process_open_fds`, `process_start_time_seconds`, …; and Node's own (`nodejs_heap_size_used_bytes`,
   * `nodejs_eventloop_lag_seconds`, `nodejs_gc_duration_seconds`, …) where Gatekeeper has `go_*`.
   * Only for the long-running process: it starts an event-loop delay monitor.
   */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  async expose(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
