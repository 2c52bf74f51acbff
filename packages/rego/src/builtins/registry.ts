import type { Value } from "../value/value.js";
import type { BuiltinDecl } from "./types.js";

/** What a builtin may use from its surroundings; injected so the engine stays browser-safe. */
export interface BuiltinContext {
  /** Builtin errors are raised instead of making the call undefined. */
  readonly strict: boolean;
  /** Nanoseconds since the epoch, the same for every call in one query (`time.now_ns`). */
  nowNs(): bigint;
  /** A random integer in [0, n) (`rand.intn`). */
  randomInt(n: number): number;
  /** Random bytes (`uuid.rfc4122`, …). */
  randomBytes(n: number): Uint8Array;
  /**
   * Whether the query's deadline has passed or its caller cancelled it: builtins that build large
   * values check it as they go (OPA's `bctx.Cancel`).
   */
  cancelled(): boolean;
  /** Where `print` writes. */
  print(message: string): void;
  /** Where `trace` writes its note (an evaluation's tracer); absent when nothing collects notes. */
  note?(message: string): void;
  /** A cache that lives for one query (non-deterministic builtins keep their answers here). */
  readonly queryCache: Map<string, unknown>;
  /** Optional services; absent means disabled. */
  readonly services: BuiltinServices;
}

/** Services that builtins reaching outside the engine need. Each is disabled unless given. */
export interface BuiltinServices {
  /** `http.send`: synchronous transport supplied by the host (tests mock it). */
  readonly httpSend?: (request: Value) => Value;
  /** `net.lookup_ip_addr`. */
  readonly lookupIp?: (name: string) => readonly string[];
  /** `opa.runtime`: what it returns. */
  readonly runtime?: Value;
}

/**
 * A builtin's implementation: arguments are plain values; the result is a value or undefined (no
 * result). Relations return an array of outputs. Throw `OperandTypeError` or `BuiltinError`.
 */
export type BuiltinImpl = (args: readonly Value[], ctx: BuiltinContext) => Value | undefined;

/** A declaration with its implementation. Family files export arrays of these. */
export interface BuiltinDef {
  readonly decl: BuiltinDecl;
  readonly impl: BuiltinImpl;
}

/** The set of builtins a compiler and evaluator use, by name. */
export class BuiltinRegistry {
  private readonly defs = new Map<string, BuiltinDef>();

  constructor(families: readonly (readonly BuiltinDef[])[] = []) {
    for (const f of families) this.register(f);
  }

  /** Adds (or replaces) builtins. */
  register(defs: readonly BuiltinDef[]): this {
    for (const d of defs) this.defs.set(d.decl.name, d);
    return this;
  }

  get(name: string): BuiltinDef | undefined {
    return this.defs.get(name);
  }

  has(name: string): boolean {
    return this.defs.has(name);
  }

  /**
   * A registry with the same builtins except those named in `names` (OPA's capabilities without
   * them: a policy that calls one fails to compile, as with Gatekeeper's `--disable-opa-builtin`).
   */
  without(names: Iterable<string>): BuiltinRegistry {
    const removed = new Set(names);
    const out = new BuiltinRegistry();
    for (const [name, def] of this.defs) if (!removed.has(name)) out.defs.set(name, def);
    return out;
  }

  /** All declarations, sorted by name (the capabilities list). */
  declarations(): BuiltinDecl[] {
    return [...this.defs.values()].map((d) => d.decl).sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}
