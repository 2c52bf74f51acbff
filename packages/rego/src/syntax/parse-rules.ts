import type { Body, Term } from "../ast/nodes.js";
import { isGround, refString, relocate, trueBody, trueTerm } from "./ast-util.js";
import { validateDefaultArgs, validateDefaultValue } from "./default-rules.js";
import { BodyParser } from "./parse-body.js";
import { copyHead, type HeadDraft, type RuleDraft } from "./rule-draft.js";

/**
 * Rules: complete, partial set/object, ref heads, functions, defaults, `else` chains and chained
 * bodies (`p { a } { b }`), in both Rego versions. Returns drafts; the module layer checks them.
 */
export abstract class RuleParser extends BodyParser {
  /** Parses rules at the cursor, or returns undefined (maybe with errors) if there are none. */
  protected parseRules(): RuleDraft[] | undefined {
    const loc = this.tok().loc;
    this.scanAheadRef();
    let isDefault = false;
    if (this.isKw("default")) {
      this.next();
      isDefault = true;
      this.scanAheadRef();
    }
    if (!this.isIdent()) return undefined;
    const parsed = this.parseHead(isDefault);
    if (parsed === undefined) return undefined;
    const { head, usesContains } = parsed;
    const rule: RuleDraft = { head, body: [], else: undefined, isDefault, loc, generatedBody: false };

    if (isDefault) {
      const errs = validateDefaultValue(head.value);
      const argErrs = head.args !== undefined && head.args.length > 0 ? validateDefaultArgs(head.args) : [];
      if (errs.length > 0 || argErrs.length > 0) {
        for (const m of [...errs, ...argErrs]) this.error(loc, m);
        return undefined;
      }
      rule.body = trueBody(loc);
      return [rule];
    }

    const hasIf = this.isKw("if");
    const noArgs = head.args === undefined || head.args.length === 0;
    if (hasIf && !usesContains && head.ref.length === 2) {
      const k = head.ref[1];
      if (k !== undefined && (!isGround(k) || k.type === "ref") && noArgs) head.key = k;
      if (head.value === undefined) {
        head.value = trueTerm(head.loc);
        head.generatedValue = true;
      } else if (head.ref[0]?.type !== "var") {
        return undefined;
      }
    }
    if (!hasIf && !usesContains && noArgs && head.ref.length === 2) {
      if (head.ref[0]?.type !== "var") return undefined;
      head.key = head.ref[1];
      if (head.value === undefined) head.ref = head.ref.slice(0, 1);
    }

    if (hasIf) {
      head.hasIf = true;
      this.next();
      const s = this.save();
      const expr = this.parseLiteral();
      // `p if { … }` is a body, not a set literal (sets are always true).
      if (expr !== undefined && !(expr.node.kind === "term" && expr.node.term.type === "set")) {
        rule.body = [expr];
      } else {
        this.restore(s);
        const body = this.parseBraceBody();
        if (body === undefined) return undefined;
        rule.body = body;
      }
    } else if (this.at("{")) {
      const body = this.parseBraceBody();
      if (body === undefined) return undefined;
      rule.body = body;
    } else if (usesContains) {
      rule.body = trueBody(loc);
      rule.generatedBody = true;
      rule.loc = head.loc;
      return [rule];
    } else {
      return undefined;
    }

    if (this.isKw("else") && !this.scanAheadRef()) {
      if (head.ref.length > 1 && !head.ref.slice(1).every(isGround)) {
        this.error(this.tok().loc, "else keyword cannot be used on rules with variables in head");
        return undefined;
      }
      if (head.key !== undefined) {
        this.error(this.tok().loc, "else keyword cannot be used on multi-value rules");
        return undefined;
      }
      rule.else = this.parseElse(head);
      if (rule.else === undefined) return undefined;
    }

    const rules = [rule];
    while (this.at("{")) {
      if (rule.else !== undefined) {
        this.error(this.tok().loc, "expected else keyword");
        return undefined;
      }
      const bodyLoc = this.tok().loc;
      const body = this.parseBraceBody();
      if (body === undefined) return undefined;
      const copy = copyHead(head, () => this.newWildcard());
      const relocated: HeadDraft = {
        ...copy,
        ref: copy.ref.map((t) => relocate(t, bodyLoc)),
        args: copy.args?.map((t) => relocate(t, bodyLoc)),
        key: copy.key && relocate(copy.key, bodyLoc),
        value: copy.value && relocate(copy.value, bodyLoc),
        loc: bodyLoc,
      };
      rules.push({
        head: relocated,
        body,
        else: undefined,
        isDefault: false,
        loc: bodyLoc,
        generatedBody: false,
      });
    }
    return rules;
  }

  /** Skips the current token (normally `{`) and parses a body through its `}`. */
  private parseBraceBody(): Body | undefined {
    this.next();
    const body = this.parseBody("}");
    if (body === undefined) return undefined;
    this.next();
    return body;
  }

  private parseHead(isDefault: boolean): { head: HeadDraft; usesContains: boolean } | undefined {
    const loc = this.tok().loc;
    const name = this.parseVar();
    this.next();
    this.checkHeadOperator();
    const term: Term | undefined =
      this.at("(") || this.at(".") || this.at("[") ? this.parseRef(name, true) : this.rootRef(name);
    if (term === undefined) {
      this.illegal("expected rule head name");
      return undefined;
    }
    let ref: Term[];
    let args: Term[] | undefined;
    if (term.type === "var") ref = [term];
    else if (term.type === "ref") ref = [...term.terms];
    else if (term.type === "call") {
      ref = [...term.op.terms];
      args = [...term.args];
    } else return undefined;
    if (ref[0]?.type !== "var") {
      this.illegal(`rule head ref ${refString(ref)} invalid`);
      return undefined;
    }
    const head: HeadDraft = {
      ref,
      args,
      key: undefined,
      value: undefined,
      assign: false,
      loc,
      generatedValue: false,
      hasIf: false,
      hasContains: false,
    };
    const text = refString(ref);
    if (this.isKw("contains")) {
      if (args !== undefined) {
        this.illegal(
          `the contains keyword can only be used with multi-value rule definitions (e.g., ${text} contains <VALUE> { ... })`,
        );
      }
      this.next();
      head.key = this.parseTermInfixCall();
      if (head.key === undefined) {
        this.illegal(`expected rule key term (e.g., ${text} contains <VALUE> { ... })`);
        return undefined;
      }
      head.hasContains = true;
      return { head, usesContains: true };
    }
    if (this.at("=")) {
      this.next();
      head.value = this.parseTermInfixCall();
      if (head.value === undefined) {
        this.illegal(`expected rule value term (e.g., ${text} = <VALUE> { ... })`);
        return undefined;
      }
    } else if (this.at(":=")) {
      this.next();
      head.assign = true;
      head.value = this.parseTermInfixCall();
      if (head.value === undefined) {
        if (args !== undefined && args.length > 0) {
          this.illegal(`expected function value term (e.g., ${text}(...) := <VALUE> { ... })`);
        } else if (isDefault) {
          this.illegal(`expected default rule value term (e.g., default ${text} := <VALUE>)`);
        } else {
          this.illegal(`expected rule value term (e.g., ${text} := <VALUE> { ... })`);
        }
        return undefined;
      }
    }
    if (head.value === undefined && (ref.length !== 2 || (args !== undefined && args.length > 0))) {
      head.value = trueTerm(loc);
      head.generatedValue = true;
    }
    return { head, usesContains: false };
  }

  private parseElse(head: HeadDraft): RuleDraft | undefined {
    return this.enter() ? this.leave(this.parseElseRule(head)) : undefined;
  }

  private parseElseRule(head: HeadDraft): RuleDraft | undefined {
    const loc = this.tok().loc;
    // Like OPA's Head.Copy, the else head does not inherit the `if`/`contains` keywords.
    const h: HeadDraft = {
      ...copyHead(head, () => this.newWildcard()),
      loc,
      generatedValue: false,
      hasIf: false,
      hasContains: false,
    };
    const rule: RuleDraft = {
      head: h,
      body: [],
      else: undefined,
      isDefault: false,
      loc,
      generatedBody: false,
    };
    this.next();
    if (this.at("{") || this.isKw("if")) {
      h.value = trueTerm(loc);
      h.generatedValue = true;
    } else if (this.at(":=") || this.at("=")) {
      h.assign = this.at(":=");
      this.next();
      h.value = this.parseTermInfixCall();
      if (h.value === undefined) return undefined;
    } else {
      this.illegal("expected else value term or rule body");
      return undefined;
    }
    const hasIf = this.isKw("if");
    if (!hasIf && !this.at("{")) {
      rule.body = trueBody(loc);
      rule.generatedBody = true;
      return rule;
    }
    if (hasIf) {
      h.hasIf = true;
      this.next();
    }
    if (this.at("{")) {
      const body = this.parseBraceBody();
      if (body === undefined) return undefined;
      rule.body = body;
    } else if (!this.at("eof")) {
      const expr = this.parseLiteral();
      if (expr === undefined) return undefined;
      rule.body = [expr];
    } else {
      this.illegal("rule body expected");
      return undefined;
    }
    if (this.isKw("else")) {
      rule.else = this.parseElse(head);
      if (rule.else === undefined) return undefined;
    }
    return rule;
  }
}
