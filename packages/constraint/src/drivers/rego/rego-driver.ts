import {
  type BuiltinRegistry,
  defaultBuiltins,
  type EvalRequest,
  formatLocation,
  type Module,
  Policy,
  type PreparedQuery,
  parseModule,
  prettyTrace,
  RegoError,
  RegoErrors,
  Tracer,
  type Value,
} from "@portcullis/rego";
import {
  type CompiledTemplate,
  type Driver,
  type DriverConstraint,
  type DriverOptions,
  type DriverResult,
  type DriverReview,
  NO_RESULTS,
  type TemplateSource,
} from "../../driver.js";
import { InvalidTemplateError, type Origin } from "../../errors.js";
import { externalDataBuiltin, withExternalData } from "../../external-data/builtin.js";
import { MemoKey } from "../../review-memo.js";
import { REGO_ENGINE } from "../../templates.js";
import { rewriteTemplateModules, TEMPLATES_ROOT, violationQuery } from "./rewrite-modules.js";
import { toResults } from "./violations.js";

/** Options of the Rego driver. */
export interface RegoDriverOptions {
  /** Builtins available to templates (defaults to the engine's). */
  readonly builtins?: BuiltinRegistry;
  /**
   * Builtins taken out of {@link builtins} (Gatekeeper's `--disable-opa-builtin`): a template
   * that calls one is refused with `rego_type_error: undefined function <name>`.
   */
  readonly disabledBuiltins?: readonly string[];
  /**
   * Whether templates may read `data.inventory` (Gatekeeper's `--enable-referential-rules`,
   * default true): when false, a template that does is refused.
   */
  readonly referentialRules?: boolean;
  /**
   * Offer Gatekeeper's `external_data` builtin (its `--enable-external-data`); without it, a
   * template that calls it is refused with `rego_type_error: undefined function external_data`.
   */
  readonly externalData?: boolean;
}

/** Creates the Rego driver (b2). */
export function createRegoDriver(options: RegoDriverOptions = {}): Driver {
  const disabled = options.disabledBuiltins ?? [];
  let builtins = options.builtins;
  if (options.externalData === true)
    builtins = (builtins ?? defaultBuiltins()).without([]).register([externalDataBuiltin]);
  if (disabled.length > 0) builtins = (builtins ?? defaultBuiltins()).without(disabled);
  const compileOptions: RegoDriverOptions = builtins === undefined ? options : { ...options, builtins };
  return {
    engine: REGO_ENGINE,
    compile: (template) => compileRegoTemplate(template, compileOptions),
  };
}

/** The Rego driver with the engine's default builtins. */
export const regoDriver: Driver = createRegoDriver();

function originOf(t: TemplateSource): Origin {
  return t.file === undefined ? { name: t.name } : { name: t.name, file: t.file };
}

function templateErrorFrom(e: unknown, origin: Origin): InvalidTemplateError {
  if (e instanceof RegoErrors) {
    const first = e.errors[0];
    const lines = e.errors.map(compileErrorText);
    const text =
      lines.length === 1 ? (lines[0] ?? "") : `${lines.length} errors occurred:\n${lines.join("\n")}`;
    return new InvalidTemplateError(e.code ?? "rego_compile_error", text, origin, first?.location);
  }
  if (e instanceof RegoError)
    return new InvalidTemplateError(e.code, compileErrorText(e), origin, e.location);
  return new InvalidTemplateError("rego_compile_error", e instanceof Error ? e.message : String(e), origin);
}

/** `file:row:col: code: message`. */
function compileErrorText(e: RegoError): string {
  return `${e.location ? `${formatLocation(e.location)}: ` : ""}${e.code}: ${e.message}`;
}

/** Compiles a template's Rego once: parse, check and re-package, compile, prepare the violation query. */
export function compileRegoTemplate(
  template: TemplateSource,
  options: RegoDriverOptions = {},
): CompiledTemplate {
  const origin = originOf(template);
  const src = template.source;
  const rego = src.rego;
  if (typeof rego !== "string")
    throw new InvalidTemplateError("template_code", "Rego source has no rego", origin);
  const libs = Array.isArray(src.libs) ? src.libs.filter((l): l is string => typeof l === "string") : [];
  const version = src.version === "v1" ? 1 : 0;

  let entry: Module;
  const libModules: Module[] = [];
  try {
    entry = parseModule(rego, { file: `${template.name}/template.rego`, regoVersion: version });
    libs.forEach((text, i) => {
      libModules.push(parseModule(text, { file: `${template.name}/libs[${i}].rego`, regoVersion: version }));
    });
  } catch (e: unknown) {
    throw templateErrorFrom(e, origin);
  }
  const hasViolation = entry.rules.some((r) => {
    const h = r.head.ref[0];
    return h?.type === "var" && h.name === "violation";
  });
  if (!hasViolation) {
    throw new InvalidTemplateError(
      "rego_missing_rule",
      "invalid rego: missing required rules: [violation]",
      origin,
      {
        file: entry.file,
        row: entry.package.loc.row,
        col: entry.package.loc.col,
      },
    );
  }
  const { modules, problems } = rewriteTemplateModules(template.name, entry, libModules, {
    referential: options.referentialRules !== false,
  });
  const firstProblem = problems[0];
  if (firstProblem !== undefined) {
    const lines = problems.map((p) =>
      p.location ? `${formatLocation(p.location)}: ${p.message}` : p.message,
    );
    throw new InvalidTemplateError(firstProblem.code, lines.join("\n"), origin, firstProblem.location);
  }
  let violations: ViolationSource;
  try {
    const policy = new Policy(
      options.builtins ? { parsed: modules, builtins: options.builtins } : { parsed: modules },
    );
    violations =
      policy.prepareDocument([TEMPLATES_ROOT, template.name, "template", "violation"]) ??
      new QueriedViolations(policy.prepare(violationQuery(template.name)));
  } catch (e: unknown) {
    throw templateErrorFrom(e, origin);
  }
  return new RegoTemplate(template.kind, violations);
}

/** Where a template's `violation` document is read from for one constraint's input. */
interface ViolationSource {
  eval(request: EvalRequest): Value | undefined;
}

/**
 * `violation` read through a query, for templates whose rules define it only below it (as
 * `violation.x`): the document is then the object of those, which a query assembles.
 */
class QueriedViolations implements ViolationSource {
  constructor(private readonly query: PreparedQuery) {}

  eval(request: EvalRequest): Value | undefined {
    return this.query.eval(request)[0]?.bindings.violations;
  }
}

/**
 * Parsed JSON/YAML documents are Rego values as they are (the engine reads plain JS values), so
 * reviews, parameters and inventory are passed without a copy.
 */
function asValue(doc: unknown): Value {
  return doc as Value;
}

/**
 * `input.review`: the review with its `namespaceObject`. The added key is written first: V8 (11.3)
 * gives every `{ ...review, key }` a hidden class of its own, so each review's document would
 * miss the inline caches of every rule that reads it. Key order means nothing to Rego.
 */
const REVIEW_DOCUMENT = new MemoKey("rego input.review", (r: DriverReview): Value => {
  const review = r.review;
  if (Object.hasOwn(review, "namespaceObject"))
    return asValue({ ...review, namespaceObject: r.namespaceObject });
  return asValue({ namespaceObject: r.namespaceObject, ...review });
});

/** `input.review`, built once per review (with a memo) and shared by the templates that review it. */
export function reviewDocument(review: DriverReview): Value {
  return review.memo === undefined ? REVIEW_DOCUMENT.make(review) : review.memo.get(REVIEW_DOCUMENT, review);
}

const dataDocuments = new WeakMap<object, Value>();
const NO_DATA: Value = {};

/** `data` with the inventory under `data.inventory`, built once per inventory value. */
function dataDocument(inventory: unknown): Value {
  if (inventory === undefined || inventory === null || typeof inventory !== "object") return NO_DATA;
  let doc = dataDocuments.get(inventory);
  if (doc === undefined) {
    doc = asValue({ inventory });
    dataDocuments.set(inventory, doc);
  }
  return doc;
}

/** OPA's text of an evaluation error: `file:row: code: message`. */
function evalErrorText(e: unknown): string {
  if (e instanceof RegoErrors) return e.errors.map(evalErrorText).join("\n");
  if (e instanceof RegoError) {
    const where = e.location ? `${formatLocation(e.location, false)}: ` : "";
    return `${where}${e.code}: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

class RegoTemplate implements CompiledTemplate {
  readonly engine = REGO_ENGINE;

  constructor(
    readonly kind: string,
    private readonly violations: ViolationSource,
  ) {}

  review(
    review: DriverReview,
    constraints: readonly DriverConstraint[],
    options: DriverOptions = {},
  ): readonly DriverResult[] {
    if (constraints.length === 0) return NO_RESULTS;
    const source = options.externalData;
    if (source !== undefined)
      return withExternalData(source, () => this.evaluate(review, constraints, options));
    return this.evaluate(review, constraints, options);
  }

  private evaluate(
    review: DriverReview,
    constraints: readonly DriverConstraint[],
    options: DriverOptions,
  ): readonly DriverResult[] {
    const out: DriverResult[] = [];
    const reviewDoc = reviewDocument(review);
    const data = dataDocument(review.inventory);
    const traces = options.traces;
    try {
      for (const c of constraints) {
        const request: EvalRequest = {
          input: asValue({ review: reviewDoc, parameters: c.parameters }),
          data,
          deadline: options.deadline,
          print: options.print,
          // A constraint's parameters are one object for every review.
          stableInput: "parameters",
        };
        const violations =
          traces === undefined ? this.violations.eval(request) : this.traced(request, c, traces);
        toResults(c.name, violations, out);
      }
    } catch (e: unknown) {
      const msg = evalErrorText(e);
      return constraints.map((c) => ({ constraint: c.name, msg, details: {}, error: true }));
    }
    return out.length === 0 ? NO_RESULTS : out;
  }

  /** One constraint's evaluation with a tracer; its trace is appended even when it fails. */
  private traced(request: EvalRequest, c: DriverConstraint, traces: string[]): Value | undefined {
    const tracer = new Tracer();
    try {
      return this.violations.eval({ ...request, tracer });
    } finally {
      const lines = prettyTrace(tracer.events, { locations: true });
      traces.push([`Trace of ${this.kind} ${c.name}:`, ...lines].join("\n"));
    }
  }
}
