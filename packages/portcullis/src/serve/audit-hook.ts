import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { AuditExternalData } from "../audit/policy-loader.js";
import type { PolicySet } from "../policies/policy-set.js";

/** What `serve` gives an audit runner. */
export interface AuditContext {
  /** The policies in force now (client with templates, constraints and inventory; Config excluder). */
  readonly policies: () => PolicySet | undefined;
  /** Subscribes to policy reloads; returns an unsubscribe function. */
  readonly onPoliciesChanged: (listener: (set: PolicySet) => void) => () => void;
  /** The process logger (JSON lines); audit events should carry `process: "audit"`. */
  readonly logger: Logger;
  /** The Prometheus registry served on `--metrics-port` (for `gatekeeper_audit_*`, `gatekeeper_violations`). */
  readonly registry: Registry;
  /** External data for the policies in force (their Providers); undefined when off. */
  readonly externalData?: () => AuditExternalData | undefined;
  /** The webhook's own service account username (the dashboard's review preview exempts it too). */
  readonly ownUsername?: string;
}

/**
 * An audit loop `serve` runs beside the webhook when given one (Gatekeeper's `--operation=audit`).
 * `start` is called once the policies are loaded; `stop` on shutdown, awaited before exit.
 */
export interface AuditRunner {
  start(context: AuditContext): void | Promise<void>;
  stop(): void | Promise<void>;
}
