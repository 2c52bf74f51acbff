import type { Import, Package, RefTerm, Term } from "../ast/nodes.js";
import { refString, valueName } from "./ast-util.js";
import { FUTURE_KEYWORDS, isKeywordInVersion } from "./keywords.js";
import { RuleParser } from "./parse-rules.js";

const IMPORT_ROOTS: ReadonlySet<string> = new Set(["data", "input", "future", "rego"]);

function isString(t: Term | undefined, value?: string): boolean {
  return t?.type === "scalar" && typeof t.value === "string" && (value === undefined || t.value === value);
}

/**
 * `package` and `import` declarations, including what `import future.keywords…` and
 * `import rego.v1` do to the keyword set of a v0 module.
 */
export abstract class DeclParser extends RuleParser {
  /** Set when a v0 module imports `rego.v1` (its rules must then also be valid v1). */
  protected regoV1Imported = false;

  /** The current token is an identifier, or a keyword usable as the first term of a ref. */
  private identOrRefKeyword(): boolean {
    if (this.isIdent()) return true;
    if (this.isKeywordToken(this.pos)) {
      this.forced = this.pos;
      return true;
    }
    return false;
  }

  protected parsePackage(): Package | undefined {
    if (!this.isKw("package")) return undefined;
    const loc = this.tok().loc;
    const n = this.ahead();
    if (!n.ws && (n.kind === "." || n.kind === "[")) return undefined;
    this.next();
    if (!this.identOrRefKeyword()) {
      this.illegal();
      return undefined;
    }
    const term = this.parseTerm();
    if (term === undefined) {
      if (this.errors.length === 0) this.error(this.tok().loc, "expected path");
      return undefined;
    }
    let terms: Term[];
    if (term.type === "var") {
      terms = [
        { type: "var", name: "data", loc: term.loc },
        { type: "scalar", value: term.name, loc: term.loc },
      ];
    } else if (term.type === "ref") {
      const [head, ...rest] = term.terms;
      if (head?.type !== "var") {
        if (head) this.error(head.loc, `unexpected ${valueName(head)} token: expecting var`);
        return undefined;
      }
      for (const t of rest) {
        if (!isString(t)) {
          this.error(t.loc, `unexpected ${valueName(t)} token: expecting string`);
          return undefined;
        }
      }
      terms = [
        { type: "var", name: "data", loc: head.loc },
        { type: "scalar", value: head.name, loc: head.loc },
        ...rest,
      ];
    } else {
      this.illegal();
      return undefined;
    }
    return { path: { type: "ref", terms, loc: term.loc }, loc };
  }

  protected parseImport(): Import | undefined {
    if (!this.isKw("import")) return undefined;
    const loc = this.tok().loc;
    const n = this.ahead();
    if (!n.ws && (n.kind === "." || n.kind === "[")) return undefined;
    this.next();
    if (!this.identOrRefKeyword()) {
      this.illegal();
      return undefined;
    }
    this.futureOff = true;
    const term = this.parseTerm();
    this.futureOff = false;
    let path: RefTerm | undefined;
    if (term?.type === "var") path = { type: "ref", terms: [term], loc: term.loc };
    else if (term?.type === "ref") {
      for (const t of term.terms.slice(1)) {
        if (!isString(t)) {
          this.error(t.loc, `unexpected ${valueName(t)} token: expecting string`);
          return undefined;
        }
      }
      path = term;
    }
    if (path === undefined) {
      this.error(this.tok().loc, "expected path");
      return undefined;
    }
    const head = path.terms[0];
    const root = head?.type === "var" ? head.name : "";
    if (!IMPORT_ROOTS.has(root)) {
      this.error(
        path.loc,
        `unexpected import path, must begin with one of: {data, future, input, rego}, got: ${head ? refString([head]) : ""} (hint: if this is unexpected, try updating OPA)`,
      );
      return undefined;
    }
    if (this.isKw("as")) {
      this.next();
      if (!this.isIdent()) {
        this.illegal("expected var");
        return undefined;
      }
      const alias = this.parseTerm();
      if (alias?.type === "var") return { path, alias: alias.name, loc };
      this.illegal("expected var");
      return undefined;
    }
    const last = path.terms[path.terms.length - 1];
    if (
      root !== "future" &&
      path.terms.length > 1 &&
      last?.type === "scalar" &&
      typeof last.value === "string"
    ) {
      if (isKeywordInVersion(last.value, this.version)) {
        this.error(last.loc, `unexpected import path, must not end with a keyword, got: ${last.value}`);
      }
    }
    return { path, alias: undefined, loc };
  }

  /** Applies `import future.keywords[.kw]`. */
  protected futureImport(imp: Import): void {
    const terms = imp.path.terms;
    if (terms.length === 1 || !isString(terms[1], "keywords")) {
      this.error(imp.path.loc, "invalid import, must be `future.keywords`");
      return;
    }
    if (imp.alias !== undefined) {
      this.error(imp.path.loc, "`future` imports cannot be aliased");
      return;
    }
    let kws = FUTURE_KEYWORDS;
    const kw = terms[2];
    if (terms.length === 3 && kw?.type === "scalar" && typeof kw.value === "string") {
      if (!FUTURE_KEYWORDS.includes(kw.value)) {
        this.error(imp.path.loc, `unexpected keyword, must be one of [${FUTURE_KEYWORDS.join(" ")}]`);
        return;
      }
      kws = [kw.value];
    }
    for (const k of kws) {
      this.keywords.add(k);
      if (k === "every") this.keywords.add("in");
    }
  }

  /** Applies `import rego.v1`. */
  protected regoV1Import(imp: Import): void {
    const terms = imp.path.terms;
    if (terms.length !== 2 || !isString(terms[1], "v1")) {
      this.error(imp.path.loc, `invalid import \`${refString(terms)}\`, must be \`rego.v1\``);
      return;
    }
    if (this.version === 1) return;
    if (imp.alias !== undefined) {
      this.error(imp.path.loc, "`rego` imports cannot be aliased");
      return;
    }
    this.regoV1Imported = true;
    for (const k of FUTURE_KEYWORDS) this.keywords.add(k);
  }
}
