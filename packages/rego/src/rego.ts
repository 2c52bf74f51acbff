import type { Module, RegoVersion } from "./ast/nodes.js";
import { defaultBuiltins } from "./builtins/index.js";
import type { BuiltinContext, BuiltinRegistry, BuiltinServices } from "./builtins/registry.js";
import { type CompiledPolicy, compileModules } from "./compiler/compiler.js";
import type { DocNode, IrQuery } from "./compiler/ir.js";
import { compileQuery } from "./compiler/query.js";
import { Evaluation, type Frame } from "./eval/evaluator.js";
import type { Tracer } from "./eval/tracer.js";
import { parseModule, parseQuery } from "./syntax/parser.js";
import type { Value } from "./value/value.js";

/** A Rego source file. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
  /** Overrides {@link PolicyOptions.regoVersion} for this file. */
  readonly regoVersion?: RegoVersion;
}

/** What a policy is made of. */
export interface PolicyOptions {
  readonly modules?: readonly SourceFile[];
  /** Modules already parsed. */
  readonly parsed?: readonly Module[];
  /** Syntax of the sources (default 1, as OPA 1.x). */
  readonly regoVersion?: RegoVersion;
  readonly builtins?: BuiltinRegistry;
}

/** Per-evaluation options. */
export interface EvalRequest {
  readonly input?: Value;
  /** Base documents under `data`; defaults to the policy's data. */
  readonly data?: Value;
  /** Raise builtin errors instead of treating them as undefined. */
  readonly strictBuiltinErrors?: boolean;
  /** Fixed clock for `time.now_ns` (nanoseconds since the epoch). */
  readonly nowNs?: bigint;
  readonly print?: (message: string) => void;
  /** Milliseconds since the epoch after which evaluation is cancelled. */
  readonly deadline?: number;
  readonly signal?: { readonly aborted: boolean };
  readonly services?: BuiltinServices;
  /**
   * A key of `input` whose value the caller passes unchanged from query to query, by identity
   * (Gatekeeper's constraint `parameters`). Comprehensions that read no more of `input` than it,
   * no `data`, and call only pure functions are then computed once per such value, not per query.
   */
  readonly stableInput?: string;
  /**
   * Records what the evaluation does, as OPA's tracer does (`opa eval --explain`). A traced
   * evaluation runs every body through the interpreter: slower, for debugging.
   */
  readonly tracer?: Tracer;
}

/** One solution of a query: the values of its variables. */
export interface ResultRow {
  readonly bindings: Readonly<Record<string, Value>>;
}

/**
 * A compiled policy: parse and compile once, prepare queries, evaluate them many times (OPA's
 * `rego.New(…).PrepareForEval(…)`). Throws RegoErrors on parse and compile errors.
 */
export class Policy {
  readonly compiled: CompiledPolicy;

  constructor(options: PolicyOptions) {
    const version = options.regoVersion ?? 1;
    const parsed = [
      ...(options.parsed ?? []),
      ...(options.modules ?? []).map((m) =>
        parseModule(m.text, { file: m.file, regoVersion: m.regoVersion ?? version }),
      ),
    ];
    this.compiled = compileModules(parsed, { builtins: options.builtins ?? defaultBuiltins() });
  }

  /**
   * Compiles a query once for repeated evaluation. `text` is the query as its user wrote it, for
   * traces, when `query` is a rewriting of it.
   */
  prepare(
    query: string,
    options: { regoVersion?: RegoVersion; package?: string; text?: string } = {},
  ): PreparedQuery {
    const body = parseQuery(query, { file: "query", regoVersion: options.regoVersion ?? 1 });
    const ir = compileQuery(this.compiled, body, {
      v1: (options.regoVersion ?? 1) === 1,
      ...(options.package !== undefined ? { package: options.package } : {}),
    });
    return new PreparedQuery(this.compiled, ir, (options.text ?? query).trim());
  }

  /**
   * Prepares the reading of one rule document, `data.<path>`, for repeated evaluation: what the
   * query `x := data.<path>` binds, without a query around it. Undefined when no rules define the
   * document at exactly that path (a rule higher up defines it, or none does).
   */
  prepareDocument(path: readonly string[]): PreparedDocument | undefined {
    let node: DocNode | undefined = this.compiled.root;
    for (const key of path) {
      if (node.rules.length > 0 || node.defaultRule !== undefined) return undefined;
      node = node.children.get(key);
      if (node === undefined) return undefined;
    }
    if (node.rules.length === 0 && node.defaultRule === undefined) return undefined;
    return new PreparedDocument(this.compiled, node);
  }
}

/** A rule document prepared for repeated evaluation (see {@link Policy.prepareDocument}). */
export class PreparedDocument {
  constructor(
    private readonly policy: CompiledPolicy,
    private readonly node: DocNode,
  ) {}

  /** The document's value; undefined when its rules define none. Throws RegoEvalError as queries do. */
  eval(request: EvalRequest = {}): Value | undefined {
    const ev = newEvaluation(this.policy, request);
    const tracer = request.tracer;
    if (tracer === undefined) return ev.documentValue(this.node);
    const text = `data.${this.node.path.join(".")}`;
    const at = this.node.rules[0]?.loc ?? this.node.defaultRule?.loc;
    return tracer.topLevel(() => {
      tracer.event("Enter", "query", text, at);
      const v = ev.documentValue(this.node);
      if (v !== undefined) tracer.event("Exit", "query", text, at);
      return v;
    });
  }
}

/** A query compiled against a policy. */
export class PreparedQuery {
  constructor(
    private readonly policy: CompiledPolicy,
    private readonly query: IrQuery,
    /** The query as written, for traces. */
    private readonly text: string = "",
  ) {}

  /** Evaluates the query; returns every solution. Throws RegoEvalError on evaluation errors. */
  eval(request: EvalRequest = {}): ResultRow[] {
    const ev = newEvaluation(this.policy, request);
    const frame: Frame = new Array(this.query.slots);
    const rows: ResultRow[] = [];
    const outputs = this.query.outputs;
    const solution = (): boolean => {
      const bindings: Record<string, Value> = {};
      for (const o of outputs) {
        const v = frame[o.slot];
        if (v !== undefined) bindings[o.name] = v;
      }
      rows.push({ bindings });
      return false;
    };
    const tracer = request.tracer;
    if (tracer === undefined) {
      ev.body(this.query.body, frame, solution);
      return rows;
    }
    const at = this.query.body[0]?.loc;
    tracer.topLevel(() => {
      tracer.event("Enter", "query", this.text, at);
      ev.body(this.query.body, frame, () => {
        tracer.event("Exit", "query", this.text, at);
        solution();
        tracer.event("Redo", "query", this.text, at);
        return false;
      });
    });
    return rows;
  }
}

/** An evaluation of `policy` with what a request gives it. */
function newEvaluation(policy: CompiledPolicy, request: EvalRequest): Evaluation {
  return new Evaluation(policy, {
    input: request.input,
    data: request.data ?? NO_DATA,
    ctx: new QueryContext(request),
    stableInput: request.stableInput,
    tracer: request.tracer,
  });
}

/** The builtin context of one query: a clock fixed at first use, randomness, print sink, services. */
class QueryContext implements BuiltinContext {
  readonly strict: boolean;
  readonly services: BuiltinServices;
  private now: bigint | undefined;
  private cache: Map<string, unknown> | undefined;
  private readonly printer: ((message: string) => void) | undefined;
  private readonly tracer: Tracer | undefined;
  private readonly deadline: number | undefined;
  private readonly signal: EvalRequest["signal"];

  constructor(r: EvalRequest) {
    this.deadline = r.deadline;
    this.signal = r.signal;
    this.strict = r.strictBuiltinErrors ?? false;
    this.services = r.services ?? NO_SERVICES;
    this.now = r.nowNs;
    this.printer = r.print;
    this.tracer = r.tracer;
  }

  note(message: string): void {
    this.tracer?.note(message);
  }

  nowNs(): bigint {
    if (this.now === undefined) this.now = BigInt(Date.now()) * 1000000n;
    return this.now;
  }

  randomInt(n: number): number {
    return Math.floor(Math.random() * n);
  }

  randomBytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    const webCrypto = (globalThis as { crypto?: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto;
    if (webCrypto) webCrypto.getRandomValues(out);
    else for (let i = 0; i < n; i++) out[i] = Math.floor(Math.random() * 256);
    return out;
  }

  print(message: string): void {
    this.printer?.(message);
  }

  cancelled(): boolean {
    return (this.deadline !== undefined && Date.now() > this.deadline) || this.signal?.aborted === true;
  }

  get queryCache(): Map<string, unknown> {
    if (this.cache === undefined) this.cache = new Map();
    return this.cache;
  }
}

const NO_SERVICES: BuiltinServices = {};
const NO_DATA: Value = {};
