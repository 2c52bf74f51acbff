import type { Annotation, Module, Rule, Term } from "../ast/nodes.js";
import type { BuiltinRegistry } from "../builtins/registry.js";
import { CompileError, ERROR_LIMIT, RegoErrors } from "../errors.js";
import type { Value } from "../value/value.js";
import { checkRecursion } from "./check-recursion.js";
import { inlineSetIterations } from "./inline-set-iterations.js";
import { inlineSetLookups } from "./inline-set-lookups.js";
import type { DocNode, IrExpr, IrRule, IrTerm, RuleKind } from "./ir.js";
import { metadataChain, metadataRule } from "./metadata.js";
import { type GlobalName, Planner, patternVars } from "./plan.js";
import { buildRuleIndices } from "./rule-index.js";
import { docNodeAt, newDocNode, numberDocNodes } from "./rule-tree.js";
import { checkTermSafe, collectPatternVars, reorderBody, SafeSet } from "./safety.js";
import { BodyScope, SlotAllocator } from "./scope.js";

/** Options of a compilation. */
export interface CompileOptions {
  readonly builtins: BuiltinRegistry;
}

/** The result of compiling modules: the document tree the evaluator runs. */
export interface CompiledPolicy {
  readonly root: DocNode;
  readonly modules: readonly Module[];
  readonly builtins: BuiltinRegistry;
  /** Globals (package rules and imports) of each package, for compiling queries against it. */
  readonly packages: ReadonlyMap<string, ReadonlyMap<string, GlobalName>>;
  /** How many nodes the tree has: the size of an evaluation's document cache. */
  readonly documents: number;
}

/** State passed from stage to stage. */
export interface CompileState {
  readonly modules: readonly Module[];
  readonly options: CompileOptions;
  readonly errors: CompileError[];
  readonly root: DocNode;
  /** Rule heads by module, with their place in the tree. */
  readonly placed: PlacedRule[];
  readonly globals: Map<Module, Map<string, GlobalName>>;
  readonly packages: Map<string, Map<string, GlobalName>>;
}

/** A rule with the path and kind its head gives it, before planning. */
export interface PlacedRule {
  readonly module: Module;
  readonly rule: Rule;
  readonly staticPath: readonly string[];
  readonly dynamic: readonly Term[];
  readonly kind: RuleKind;
  readonly arity: number;
}

/** A compiler stage: OPA's stage name and what it does. */
export interface Stage {
  readonly name: string;
  readonly run: (s: CompileState) => void;
}

/**
 * The stages in order, named as OPA names the stage each one stands for. Ordering constraints:
 * SetRuleTree before ResolveRefs (globals come from the tree); RewriteLocalVars plans bodies, so it
 * runs before CheckSafetyRuleBodies, which reorders them; CheckRecursion needs planned bodies.
 * InlineSetLookups and InlineSetIterations (ours, optimizations) rewrite planned rules, before their
 * indices are built.
 */
export const STAGES: readonly Stage[] = [
  { name: "CheckDuplicateImports", run: checkDuplicateImports },
  { name: "SetRuleTree", run: setRuleTree },
  { name: "ResolveRefs", run: resolveGlobals },
  { name: "CheckRuleConflicts", run: checkRuleConflicts },
  { name: "RewriteLocalVars", run: planRules },
  { name: "CheckRecursion", run: (s) => checkRecursion(s.root, s.errors) },
  { name: "InlineSetLookups", run: (s) => inlineSetLookups(s.root) },
  { name: "InlineSetIterations", run: (s) => inlineSetIterations(s.root) },
  { name: "BuildRuleIndices", run: (s) => buildRuleIndices(s.root) },
];

/** Compiles parsed modules. Throws {@link RegoErrors} with up to ten errors, sorted by location. */
export function compileModules(modules: readonly Module[], options: CompileOptions): CompiledPolicy {
  const state: CompileState = {
    modules,
    options,
    errors: [],
    root: newDocNode([]),
    placed: [],
    globals: new Map(),
    packages: new Map(),
  };
  for (const stage of STAGES) {
    stage.run(state);
    if (state.errors.length > 0) throw limitErrors(state.errors);
  }
  const documents = numberDocNodes(state.root);
  return { root: state.root, modules, builtins: options.builtins, packages: state.packages, documents };
}

/** Sorts and caps errors as OPA does (ten, then "error limit reached"). */
export function limitErrors(errors: readonly CompileError[]): RegoErrors {
  const sorted = new RegoErrors(errors).errors;
  if (sorted.length <= ERROR_LIMIT) return new RegoErrors(sorted);
  return new RegoErrors([
    ...sorted.slice(0, ERROR_LIMIT),
    new CompileError("rego_compile_error", "error limit reached"),
  ]);
}

/** The package path of a module as strings after `data`. */
export function packagePath(m: Module): string[] {
  return m.package.path.terms.slice(1).map((t) => (t.type === "scalar" ? String(t.value) : ""));
}

function checkDuplicateImports(s: CompileState): void {
  for (const m of s.modules) {
    const seen = new Map<string, boolean>();
    for (const imp of m.imports) {
      const name = importName(imp.path.terms, imp.alias);
      if (name === undefined) continue;
      if (seen.has(name))
        s.errors.push(
          new CompileError(
            "rego_compile_error",
            `import must not shadow ${importPathText(imp.path.terms)}`,
            imp.loc,
          ),
        );
      seen.set(name, true);
    }
  }
}

function importPathText(terms: readonly Term[]): string {
  return terms
    .map((t, i) =>
      t.type === "var" ? t.name : i === 0 ? String(t.type) : `.${String((t as { value?: unknown }).value)}`,
    )
    .join("");
}

function importName(terms: readonly Term[], alias: string | undefined): string | undefined {
  const head = terms[0];
  if (head?.type !== "var" || (head.name !== "data" && head.name !== "input")) return undefined;
  if (alias !== undefined) return alias;
  const last = terms[terms.length - 1];
  if (terms.length === 1) return head.name;
  return last?.type === "scalar" && typeof last.value === "string" ? last.value : undefined;
}

function ruleKind(rule: Rule, dynamic: readonly Term[]): RuleKind {
  if (rule.head.args !== undefined) return "function";
  if (rule.head.contains) return "multi";
  return dynamic.length > 0 ? "keyed" : "complete";
}

function setRuleTree(s: CompileState): void {
  for (const m of s.modules) {
    const pkg = packagePath(m);
    for (const rule of m.rules) {
      const staticPath = [...pkg];
      const dynamic: Term[] = [];
      for (const t of rule.head.ref) {
        if (dynamic.length === 0 && t.type === "var" && staticPath.length === pkg.length)
          staticPath.push(t.name);
        else if (dynamic.length === 0 && t.type === "scalar" && typeof t.value === "string")
          staticPath.push(t.value);
        else dynamic.push(t);
      }
      const kind = ruleKind(rule, dynamic);
      if (kind === "multi" && rule.head.key !== undefined && dynamic.length > 0 && rule.head.ref.length > 0) {
        // `a.b[x] contains y`: keys are the dynamic part, the member is the head key.
      }
      const placed: PlacedRule = {
        module: m,
        rule,
        staticPath,
        dynamic,
        kind,
        arity: rule.head.args?.length ?? 0,
      };
      s.placed.push(placed);
    }
  }
}

function resolveGlobals(s: CompileState): void {
  for (const p of s.placed) {
    const pkgKey = packagePath(p.module).join(".");
    let g = s.packages.get(pkgKey);
    if (g === undefined) {
      g = new Map();
      s.packages.set(pkgKey, g);
    }
    const pkg = packagePath(p.module);
    const first = p.staticPath[pkg.length];
    if (first !== undefined) g.set(first, { root: "data", path: [...pkg, first] });
  }
  for (const m of s.modules) {
    const pkgKey = packagePath(m).join(".");
    const globals = new Map(s.packages.get(pkgKey) ?? []);
    for (const imp of m.imports) {
      const terms = imp.path.terms;
      const head = terms[0];
      if (head?.type !== "var" || (head.name !== "data" && head.name !== "input")) continue;
      const path = terms.slice(1).map((t) => (t.type === "scalar" ? String(t.value) : ""));
      const name = importName(terms, imp.alias);
      if (name === undefined) continue;
      if (terms.length === 1 && imp.alias === undefined) continue;
      globals.set(name, { root: head.name, path });
    }
    s.globals.set(m, globals);
  }
}

function checkRuleConflicts(s: CompileState): void {
  const byPath = new Map<string, PlacedRule[]>();
  for (const p of s.placed) {
    const key = p.staticPath.join(".");
    const list = byPath.get(key) ?? [];
    list.push(p);
    byPath.set(key, list);
  }
  for (const [key, rules] of byPath) {
    const defaults = rules.filter((r) => r.rule.isDefault);
    const first = rules[0];
    if (first === undefined) continue;
    if (defaults.length > 1) {
      s.errors.push(
        new CompileError(
          "rego_type_error",
          `multiple default rules data.${key} found`,
          defaults[1]?.rule.loc,
        ),
      );
    }
    const kinds = new Set(
      rules
        .filter((r) => !r.rule.isDefault)
        .map((r) => (r.kind === "keyed" || r.kind === "multi" ? "partial" : r.kind)),
    );
    const fnArities = new Set(rules.filter((r) => r.kind === "function").map((r) => r.arity));
    if (kinds.size > 1 || fnArities.size > 1) {
      s.errors.push(
        new CompileError("rego_type_error", `conflicting rules data.${key} found`, first.rule.loc),
      );
    }
  }
}

/** Arity of the user function whose rules sit at `path`, if any. */
function functionArityIn(s: CompileState): (path: readonly string[]) => number | undefined {
  const arities = new Map<string, number>();
  for (const p of s.placed) if (p.kind === "function") arities.set(p.staticPath.join("\u0000"), p.arity);
  return (path) => arities.get(path.join("\u0000"));
}

function planRules(s: CompileState): void {
  const functionArity = functionArityIn(s);
  const documentAnnotations = new Map<string, Annotation[]>();
  for (const p of s.placed) {
    const key = p.staticPath.join(".");
    for (const a of p.rule.annotations) {
      const list = documentAnnotations.get(key) ?? [];
      if (
        a.scope !== "document" ||
        list.some((x) => x.loc.offset === a.loc.offset && x.loc.file === a.loc.file)
      )
        continue;
      documentAnnotations.set(key, [...list, a]);
    }
  }
  const packageAnnotations = new Map<string, Annotation[]>();
  for (const m of s.modules) {
    const key = packagePath(m).join(".");
    for (const a of m.annotations) packageAnnotations.set(key, [...(packageAnnotations.get(key) ?? []), a]);
  }
  for (const p of s.placed) {
    const site = { module: p.module, path: p.staticPath, annotations: p.rule.annotations };
    const docs = documentAnnotations.get(p.staticPath.join(".")) ?? [];
    const globals = s.globals.get(p.module) ?? new Map<string, GlobalName>();
    const planner = new Planner({
      globals,
      builtins: s.options.builtins,
      functionArity,
      errors: s.errors,
      v1: p.module.regoVersion === 1,
      inRule: true,
      metadata: { chain: metadataChain(site, docs, packageAnnotations), rule: metadataRule(site, docs) },
    });
    const ir = planRule(planner, p, p.rule, s.errors);
    const node = docNodeAt(s.root, p.staticPath, true);
    if (p.rule.isDefault) node.defaultRule = ir;
    else node.rules.push(ir);
  }
}

const TRUE_TERM: IrTerm = { k: "const", v: true as Value };

function planRule(planner: Planner, p: PlacedRule, rule: Rule, errors: CompileError[]): IrRule {
  const slots = new SlotAllocator();
  const scope = new BodyScope(slots, undefined);
  const args = rule.head.args ?? [];
  // Arguments are locals of the function and shadow package rules and imports of the same name.
  for (const a of args) {
    for (const v of patternVars(a))
      if (scope.lookupOwn(v.name) === undefined) scope.declare(v.name, "declared");
  }
  const headTerms: Term[] = [...p.dynamic];
  if (rule.head.key) headTerms.push(rule.head.key);
  if (rule.head.value) headTerms.push(rule.head.value);
  planner.declareLocals(rule.body, scope, headTerms);
  const body: IrExpr[] = planner.exprs(rule.body, scope);
  // Arguments that are not plain patterns (templates, calls, refs) are matched after the body
  // has bound what they need, as OPA rewrites them into body expressions.
  const irArgs = args.map((a, i) => {
    const t = planner.term(a, scope);
    if (isPattern(t)) return t;
    const slot = scope.declare(`__arg${i}`, "declared");
    const v: IrTerm = { k: "var", slot, name: `__arg${i}`, loc: a.loc };
    body.push({ node: { k: "unify", a: v, b: t }, negated: false, with: [], loc: a.loc });
    return v;
  });
  const keys = p.dynamic.map((t) => planner.term(t, scope));
  const valueTerm = p.kind === "multi" ? rule.head.key : rule.head.value;
  const value = valueTerm ? planner.term(valueTerm, scope) : TRUE_TERM;
  const safe = new SafeSet(0, Number.MAX_SAFE_INTEGER);
  const argSlots: number[] = [];
  for (const a of irArgs) collectPatternVars(a, argSlots);
  for (const sl of argSlots) safe.add(sl);
  const ordered = reorderBody(body, safe, errors);
  for (const k of keys) checkTermSafe(k, safe, errors);
  checkTermSafe(value, safe, errors);
  const elseRule = rule.else ? planElse(planner, p, rule.else, errors) : undefined;
  return {
    kind: p.kind,
    path: p.staticPath,
    keys,
    value,
    args: irArgs,
    body: ordered,
    slots: slots.count,
    elseRule,
    isDefault: rule.isDefault,
    loc: rule.loc,
    file: p.module.file,
  };
}

function isPattern(t: IrTerm): boolean {
  switch (t.k) {
    case "var":
    case "const":
      return true;
    case "array":
      return t.items.every(isPattern);
    case "object":
      return t.entries.every(([k, v]) => k.k === "const" && isPattern(v));
    default:
      return false;
  }
}

function planElse(planner: Planner, p: PlacedRule, rule: Rule, errors: CompileError[]): IrRule {
  const head = { ...rule.head, args: rule.head.args ?? p.rule.head.args };
  return planRule(planner, p, { ...rule, head }, errors);
}
