import type { Body, Comment, Import, Module, Package, RegoVersion, Rule } from "../ast/nodes.js";
import { ParseError } from "../errors.js";
import { codeFrame } from "../location.js";
import {
  type AnnotationTarget,
  attachMetadata,
  parseMetadataBlocks,
  ruleAnnotations,
} from "./annotations.js";
import { DeclParser } from "./parse-imports.js";
import { finishRule, type RuleDraft } from "./rule-draft.js";
import { ruleFromBody } from "./rule-from-body.js";
import { checkRegoV1Rule } from "./v1-checks.js";

/** A top-level statement. */
export type Statement =
  | { readonly kind: "package"; readonly pkg: Package }
  | { readonly kind: "import"; readonly imp: Import }
  | { readonly kind: "rule"; readonly rule: RuleDraft }
  | { readonly kind: "body"; readonly body: Body };

/** The statement loop: package, import, rules, or else a query, tried in that order. */
export class ModuleParser extends DeclParser {
  /** Parses every statement; errors accumulate in {@link parseErrors}. */
  parseStatements(skipRules: boolean): Statement[] {
    const stmts: Statement[] = [];
    while (!this.at("eof") && this.fatal === undefined) {
      this.clearCache();
      const s = this.save();
      const pkg = this.parsePackage();
      if (pkg !== undefined) {
        stmts.push({ kind: "package", pkg });
        continue;
      }
      if (this.errors.length > 0) break;
      this.restore(s);
      const imp = this.parseImport();
      if (imp !== undefined) {
        const root = imp.path.terms[0];
        if (root?.type === "var" && root.name === "rego") this.regoV1Import(imp);
        if (root?.type === "var" && root.name === "future") this.futureImport(imp);
        stmts.push({ kind: "import", imp });
        continue;
      }
      if (this.errors.length > 0) break;
      this.restore(s);
      if (!skipRules) {
        const rules = this.parseRules();
        if (rules !== undefined) {
          for (const rule of rules) stmts.push({ kind: "rule", rule });
          continue;
        }
        if (this.errors.length > 0) break;
        this.restore(s);
      }
      const body = this.parseQuery(true, "eof");
      if (body !== undefined) {
        stmts.push({ kind: "body", body });
        continue;
      }
      if (this.errors.length === 0) this.illegal();
      break;
    }
    return stmts;
  }

  /** True when this v0 module imported `rego.v1`. */
  importsRegoV1(): boolean {
    return this.regoV1Imported;
  }
}

/** What {@link assembleModule} needs beyond the statements. */
export interface AssemblyInput {
  readonly file: string;
  readonly text: string;
  readonly version: RegoVersion;
  readonly stmts: readonly Statement[];
  readonly comments: readonly Comment[];
  readonly regoV1Imported: boolean;
  readonly isBuiltin: (name: string) => boolean;
}

/**
 * Builds the module from its statements as OPA's `parseModule` does: the package must come
 * first; bodies become rules; v1 rules are checked; METADATA blocks are attached.
 */
export function assembleModule(input: AssemblyInput): { module?: Module; errors: ParseError[] } {
  const { file, text, stmts } = input;
  const errors: ParseError[] = [];
  const err = (message: string, loc: ParseError["location"]): void => {
    errors.push(new ParseError(message, loc, loc ? codeFrame(text, loc) : undefined));
  };
  const first = stmts[0];
  if (first === undefined) {
    err("empty module", { file, row: 1, col: 1, offset: 0 });
    return { errors };
  }
  let pkg: Package | undefined;
  if (first.kind === "package") pkg = first.pkg;
  else err("package expected", statementLoc(first));

  const imports: Import[] = [];
  const drafts: RuleDraft[] = [];
  const targets: AnnotationTarget[] = [];
  if (pkg) targets.push({ kind: "package", loc: pkg.loc, path: pkg.path.terms });
  for (const stmt of stmts.slice(1)) {
    switch (stmt.kind) {
      case "import":
        imports.push(stmt.imp);
        targets.push({ kind: "import", loc: stmt.imp.loc });
        break;
      case "package":
        err("unexpected package", stmt.pkg.loc);
        break;
      case "rule":
        drafts.push(stmt.rule);
        targets.push({ kind: "rule", loc: stmt.rule.loc, ref: stmt.rule.head.ref });
        break;
      case "body": {
        const r = ruleFromBody(stmt.body, input.isBuiltin);
        if (typeof r === "string") {
          err(r, stmt.body[0]?.loc);
          break;
        }
        drafts.push(r);
        targets.push({ kind: "rule", loc: r.loc, ref: r.head.ref });
        break;
      }
    }
  }
  if (input.version === 1 || input.regoV1Imported) {
    for (const d of drafts) {
      for (let r: RuleDraft | undefined = d; r !== undefined; r = r.else) {
        for (const m of checkRegoV1Rule(r)) err(m, r.loc);
      }
    }
  }
  if (errors.length > 0 || pkg === undefined) return { errors };

  const { blocks, errors: yamlErrors } = parseMetadataBlocks(input.comments);
  const { attached, errors: attachErrors } = attachMetadata(blocks, targets);
  errors.push(...yamlErrors, ...attachErrors);
  if (errors.length > 0) return { errors };

  const perRule = ruleAnnotations(
    attached,
    drafts.map((d) => ({ ref: d.head.ref, loc: d.loc })),
  );
  const rules: Rule[] = drafts.map((d, i) => finishRule(d, perRule[i] ?? []));
  const annotations = attached
    .filter((a) => a.annotation.scope === "package" || a.annotation.scope === "subpackages")
    .map((a) => a.annotation);
  return {
    module: {
      file,
      package: pkg,
      imports,
      rules,
      annotations,
      comments: input.comments,
      regoVersion: input.version,
    },
    errors,
  };
}

function statementLoc(s: Statement): ParseError["location"] {
  switch (s.kind) {
    case "package":
      return s.pkg.loc;
    case "import":
      return s.imp.loc;
    case "rule":
      return s.rule.loc;
    case "body":
      return s.body[0]?.loc;
  }
}
