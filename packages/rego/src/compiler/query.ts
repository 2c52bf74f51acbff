import type { Body } from "../ast/nodes.js";
import { isWildcard } from "../ast/nodes.js";
import type { CompileError } from "../errors.js";
import type { CompiledPolicy } from "./compiler.js";
import { limitErrors } from "./compiler.js";
import type { IrQuery } from "./ir.js";
import { type GlobalName, Planner } from "./plan.js";
import { docNodeAt, functionRules } from "./rule-tree.js";
import { reorderBody, SafeSet } from "./safety.js";
import { BodyScope, SlotAllocator } from "./scope.js";

/** Options for compiling a query. */
export interface QueryCompileOptions {
  /** Rego v1 rules apply to the query. */
  readonly v1?: boolean;
  /** Resolve names as if written inside this package (dotted, without `data.`). */
  readonly package?: string;
}

/**
 * Compiles a query against a compiled policy (OPA's query compiler stages: resolve refs, rewrite
 * local vars, check safety). Throws RegoErrors.
 */
export function compileQuery(policy: CompiledPolicy, body: Body, options: QueryCompileOptions = {}): IrQuery {
  const errors: CompileError[] = [];
  const globals: ReadonlyMap<string, GlobalName> =
    options.package !== undefined ? (policy.packages.get(options.package) ?? new Map()) : new Map();
  const planner = new Planner({
    globals,
    builtins: policy.builtins,
    functionArity: (path) => {
      const rules = functionRules(docNodeAt(policy.root, path));
      return rules?.[0]?.args.length;
    },
    errors,
    v1: options.v1 ?? false,
  });
  const slots = new SlotAllocator();
  const scope = new BodyScope(slots, undefined);
  const planned = planner.body(body, scope);
  const ordered = reorderBody(planned, new SafeSet(0, Number.MAX_SAFE_INTEGER), errors);
  if (errors.length > 0) throw limitErrors(errors);
  const outputs: { name: string; slot: number }[] = [];
  const seen = new Set<string>();
  slots.names.forEach((name, slot) => {
    if (isWildcard(name) || name.startsWith("__") || seen.has(name)) return;
    if (scope.lookupOwn(name)?.slot !== slot) return;
    seen.add(name);
    outputs.push({ name, slot });
  });
  return { body: ordered, slots: slots.count, outputs };
}
