import type { Body, Module, RegoVersion, Term } from "../ast/nodes.js";
import { ParseError, RegoErrors } from "../errors.js";
import { lex } from "./lexer.js";
import { assembleModule, ModuleParser, type Statement } from "./parse-module.js";

/** Options for the parse functions. */
export interface ParseOptions {
  /** File name used in locations (default ""). */
  file?: string;
  /** Rego syntax version (default 1). */
  regoVersion?: RegoVersion;
  /**
   * Builtin names, so that a top-level call such as `count(x)` is rejected as a rule name like
   * OPA does (operators are always known). Optional.
   */
  builtins?: { has(name: string): boolean };
}

interface Parsed {
  readonly parser: ModuleParser;
  readonly stmts: Statement[];
  readonly comments: ReturnType<typeof lex>["comments"];
}

function run(text: string, file: string, version: RegoVersion, skipRules: boolean): Parsed {
  const { tokens, comments } = lex(text, file);
  const parser = new ModuleParser(tokens, text, file, version);
  const stmts = parser.parseStatements(skipRules);
  const errors = parser.parseErrors();
  if (errors.length > 0) throw new RegoErrors(errors);
  return { parser, stmts, comments };
}

/** Runs a parse, turning a stack overflow (from pathological nesting) into a parse error. */
function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e: unknown) {
    if (e instanceof RangeError) {
      throw new RegoErrors([
        new ParseError("max parsing recursion depth exceeded", { file, row: 1, col: 1, offset: 0 }),
      ]);
    }
    throw e;
  }
}

/**
 * Parses a Rego module. Throws {@link RegoErrors} holding `rego_parse_error`s when the text is
 * not a valid module of the requested version.
 */
export function parseModule(text: string, options: ParseOptions = {}): Module {
  const file = options.file ?? "";
  const version = options.regoVersion ?? 1;
  return guarded(file, () => {
    const { parser, stmts, comments } = run(text, file, version, false);
    const builtins = options.builtins;
    const { module, errors } = assembleModule({
      file,
      text,
      version,
      stmts,
      comments,
      regoV1Imported: parser.importsRegoV1(),
      isBuiltin: (name) => builtins?.has(name) ?? false,
    });
    if (module === undefined || errors.length > 0) throw new RegoErrors(errors);
    return module;
  });
}

/** Parses a query (a body). Throws {@link RegoErrors} on syntax errors. */
export function parseQuery(text: string, options: ParseOptions = {}): Body {
  const file = options.file ?? "";
  return guarded(file, () => {
    const { stmts } = run(text, file, options.regoVersion ?? 1, true);
    const body = [];
    for (const s of stmts) {
      if (s.kind !== "body") {
        const loc = s.kind === "package" ? s.pkg.loc : s.kind === "import" ? s.imp.loc : s.rule.loc;
        throw new RegoErrors([new ParseError(`expected body but got ${s.kind}`, loc)]);
      }
      body.push(...s.body);
    }
    return body;
  });
}

/** Parses a single term (a call such as `f(x)` or `1 + 2` is returned as a call term). */
export function parseTerm(text: string, options: ParseOptions = {}): Term {
  const file = options.file ?? "";
  const body = parseQuery(text, options);
  const [expr, ...rest] = body;
  const fail = (message: string): never => {
    throw new RegoErrors([new ParseError(message, expr?.loc ?? { file, row: 1, col: 1, offset: 0 })]);
  };
  if (expr === undefined || rest.length > 0) return fail(`expected exactly one term but got ${body.length}`);
  if (expr.negated || expr.with.length > 0) return fail("expected term but got expression");
  const node = expr.node;
  if (node.kind === "term") return node.term;
  if (node.kind === "call") return { type: "call", op: node.op, args: node.args, loc: expr.loc };
  return fail(`expected term but got ${node.kind}`);
}
