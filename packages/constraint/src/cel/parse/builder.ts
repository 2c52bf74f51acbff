/**
 * Builds the parse tree exactly as @bufbuild/cel 0.6's parser does: plain `cel.expr.*` objects
 * (with `$typeName`), ids numbered in the order the nodes are made, one source offset per id, the
 * macros it expands (`has`, `all`, `exists`, `exists_one`/`existsOne`, `map`, `filter`) and the
 * `macroCalls` it records for them, and `&&`/`||` chains as balanced trees.
 */
import type { parse } from "@bufbuild/cel";

/** A parsed expression, as @bufbuild/cel's `parse` returns it. */
export type ParsedExpr = ReturnType<typeof parse>;
/** An expression node. */
export type Expr = ParsedExpr["expr"];
/** The source information of a parse. */
export type SourceInfo = NonNullable<ParsedExpr["sourceInfo"]>;
type Kind = Expr["exprKind"];
type Node<C extends NonNullable<Kind["case"]>> = Extract<Kind, { case: C }>["value"];
/** A struct or map entry. */
export type Entry = Node<"structExpr">["entries"][number];
type Constant = Node<"constExpr">["constantKind"];
type Call = Node<"callExpr">;

const ACCU = "@result";

/** Makes nodes; `sourceInfo` collects their offsets and the expanded macros. */
export class Builder {
  private prevId = 0;
  readonly positions: { [id: string]: number } = {};
  readonly macroCalls: { [id: string]: Expr } = {};

  sourceInfo(): SourceInfo {
    return {
      $typeName: "cel.expr.SourceInfo",
      syntaxVersion: "",
      location: "",
      lineOffsets: [],
      positions: this.positions,
      macroCalls: this.macroCalls,
      extensions: [],
    };
  }

  nextExpr(offset: number, exprKind: Kind): Expr {
    const id = ++this.prevId;
    this.positions[id] = offset;
    return { $typeName: "cel.expr.Expr", id: BigInt(id), exprKind };
  }

  private nextEntry(offset: number, keyKind: Entry["keyKind"], value: Expr): Entry {
    const id = ++this.prevId;
    this.positions[id] = offset;
    return {
      $typeName: "cel.expr.Expr.CreateStruct.Entry",
      id: BigInt(id),
      keyKind,
      value,
      optionalEntry: false,
    };
  }

  constant(offset: number, constantKind: Constant): Expr {
    return this.nextExpr(offset, {
      case: "constExpr",
      value: { $typeName: "cel.expr.Constant", constantKind },
    });
  }

  ident(offset: number, name: string): Expr {
    return this.nextExpr(offset, { case: "identExpr", value: { $typeName: "cel.expr.Expr.Ident", name } });
  }

  private plainCall(offset: number, fn: string, args: Expr[]): Expr {
    return this.nextExpr(offset, {
      case: "callExpr",
      value: { $typeName: "cel.expr.Expr.Call", function: fn, args },
    });
  }

  /** A global call or operator (`has(x.f)` becomes a test-only select). */
  call(offset: number, fn: string, args: Expr[]): Expr {
    const first = args[0];
    if (fn === "has" && args.length === 1 && first !== undefined && first.exprKind.case === "selectExpr") {
      const test = this.nextExpr(offset, {
        case: "selectExpr",
        value: { ...first.exprKind.value, testOnly: true },
      });
      this.addMacroCall(test.id, "has", undefined, [first]);
      return test;
    }
    if ((fn === "_||_" || fn === "_&&_") && args.length > 1) return this.logic(fn, args, offset);
    return this.plainCall(offset, fn, args);
  }

  /** `terms` joined by `fn` as a balanced tree whose nodes all have offset `offset`. */
  logic(fn: string, terms: Expr[], offset: number): Expr {
    const tree = (lo: number, hi: number): Expr => {
      const mid = Math.floor((lo + hi + 1) / 2);
      const left = mid === lo ? terms[mid] : tree(lo, mid - 1);
      const right = mid === hi ? terms[mid + 1] : tree(mid + 1, hi);
      if (left === undefined || right === undefined) throw new Error("unbalanced logic terms");
      return this.plainCall(offset, fn, [left, right]);
    };
    const only = terms[0];
    if (terms.length === 1 && only !== undefined) return only;
    return tree(0, terms.length - 2);
  }

  /** `target.fn(args)`, expanded when it is a comprehension macro. */
  memberCall(offset: number, target: Expr, fn: string, args: Expr[]): Expr {
    const call = this.nextExpr(offset, {
      case: "callExpr",
      value: { $typeName: "cel.expr.Expr.Call", function: fn, target, args },
    });
    const v = args[0];
    if (v === undefined || v.exprKind.case !== "identExpr") return call;
    const x = v.exprKind.value.name;
    let expanded: Expr | undefined;
    const a1 = args[1];
    if (args.length === 2 && a1 !== undefined) {
      switch (fn) {
        case "exists":
          expanded = this.existsMacro(offset, target, x, a1);
          break;
        case "all":
          expanded = this.allMacro(offset, target, x, a1);
          break;
        case "map":
          expanded = this.mapMacro(offset, target, x, a1);
          break;
        case "filter":
          expanded = this.filterMacro(offset, target, x, a1);
          break;
        case "exists_one":
        case "existsOne":
          expanded = this.existsOneMacro(offset, target, x, a1);
          break;
      }
    }
    const a2 = args[2];
    if (args.length === 3 && fn === "map" && a1 !== undefined && a2 !== undefined) {
      expanded = this.mapFilterMacro(offset, target, x, a1, a2);
    }
    if (expanded === undefined) return call;
    this.addMacroCall(expanded.id, fn, target, args);
    return expanded;
  }

  select(offset: number, operand: Expr, field: string): Expr {
    return this.nextExpr(offset, {
      case: "selectExpr",
      value: { $typeName: "cel.expr.Expr.Select", operand, field, testOnly: false },
    });
  }

  list(offset: number, elements: Expr[]): Expr {
    return this.nextExpr(offset, {
      case: "listExpr",
      value: { $typeName: "cel.expr.Expr.CreateList", elements, optionalIndices: [] },
    });
  }

  struct(offset: number, entries: Entry[], messageName: string): Expr {
    return this.nextExpr(offset, {
      case: "structExpr",
      value: { $typeName: "cel.expr.Expr.CreateStruct", entries, messageName },
    });
  }

  mapEntry(offset: number, key: Expr, value: Expr): Entry {
    return this.nextEntry(offset, { case: "mapKey", value: key }, value);
  }

  fieldEntry(offset: number, field: string, value: Expr): Entry {
    return this.nextEntry(offset, { case: "fieldKey", value: field }, value);
  }

  private boolConst(offset: number, value: boolean): Expr {
    return this.constant(offset, { case: "boolValue", value });
  }

  private comprehension(
    offset: number,
    iterRange: Expr,
    iterVar: string,
    accuInit: Expr,
    loopCondition: Expr,
    loopStep: Expr,
    result: Expr,
  ): Expr {
    return this.nextExpr(offset, {
      case: "comprehensionExpr",
      value: {
        $typeName: "cel.expr.Expr.Comprehension",
        accuVar: ACCU,
        accuInit,
        iterVar,
        iterVar2: "",
        iterRange,
        loopStep,
        loopCondition,
        result,
      },
    });
  }

  // The macro expansions below make their nodes in @bufbuild/cel's order (arguments left to
  // right, then the comprehension's own `accuInit`, `loopCondition`/`result`, then the node).

  private boolMacro(o: number, range: Expr, x: string, init: boolean, step: Expr, cond: Expr): Expr {
    const accuInit = this.boolConst(o, init);
    const result = this.ident(o, ACCU);
    return this.comprehension(o, range, x, accuInit, cond, step, result);
  }

  private listMacro(o: number, range: Expr, x: string, step: Expr): Expr {
    const accuInit = this.list(o, []);
    const cond = this.boolConst(o, true);
    const result = this.ident(o, ACCU);
    return this.comprehension(o, range, x, accuInit, cond, step, result);
  }

  private existsMacro(o: number, range: Expr, x: string, test: Expr): Expr {
    const step = this.call(o, "_||_", [this.ident(o, ACCU), test]);
    const cond = this.call(o, "@not_strictly_false", [this.call(o, "!_", [this.ident(o, ACCU)])]);
    return this.boolMacro(o, range, x, false, step, cond);
  }

  private allMacro(o: number, range: Expr, x: string, test: Expr): Expr {
    const step = this.call(o, "_&&_", [this.ident(o, ACCU), test]);
    const cond = this.call(o, "@not_strictly_false", [this.ident(o, ACCU)]);
    return this.boolMacro(o, range, x, true, step, cond);
  }

  private mapMacro(o: number, range: Expr, x: string, step: Expr): Expr {
    const accu = this.ident(o, ACCU);
    const loopStep = this.call(o, "_+_", [accu, this.list(o, [step])]);
    return this.listMacro(o, range, x, loopStep);
  }

  private mapFilterMacro(o: number, range: Expr, x: string, test: Expr, step: Expr): Expr {
    const accu = this.ident(o, ACCU);
    const append = this.call(o, "_+_", [accu, this.list(o, [step])]);
    const loopStep = this.call(o, "_?_:_", [test, append, this.ident(o, ACCU)]);
    return this.listMacro(o, range, x, loopStep);
  }

  private filterMacro(o: number, range: Expr, x: string, test: Expr): Expr {
    const accu = this.ident(o, ACCU);
    const append = this.call(o, "_+_", [accu, this.list(o, [this.ident(o, x)])]);
    const loopStep = this.call(o, "_?_:_", [test, append, this.ident(o, ACCU)]);
    return this.listMacro(o, range, x, loopStep);
  }

  private existsOneMacro(o: number, range: Expr, x: string, test: Expr): Expr {
    const accuInit = this.constant(o, { case: "int64Value", value: 0n });
    const cond = this.boolConst(o, true);
    const accu = this.ident(o, ACCU);
    const add = this.call(o, "_+_", [accu, this.constant(o, { case: "int64Value", value: 1n })]);
    const step = this.call(o, "_?_:_", [test, add, this.ident(o, ACCU)]);
    const accu2 = this.ident(o, ACCU);
    const result = this.call(o, "_==_", [accu2, this.constant(o, { case: "int64Value", value: 1n })]);
    return this.comprehension(o, range, x, accuInit, cond, step, result);
  }

  private addMacroCall(id: bigint, fn: string, target: Expr | undefined, args: Expr[]): void {
    const macroArgs = args.map((a) => this.macroArg(a));
    const value: Call =
      target === undefined
        ? { $typeName: "cel.expr.Expr.Call", function: fn, args: macroArgs }
        : { $typeName: "cel.expr.Expr.Call", function: fn, target: this.macroArg(target), args: macroArgs };
    this.macroCalls[id.toString()] = {
      $typeName: "cel.expr.Expr",
      id: 0n,
      exprKind: { case: "callExpr", value },
    };
  }

  /** A macro call's argument: expanded macros become empty nodes, calls/selects/lists are copied. */
  private macroArg(e: Expr): Expr {
    if (this.macroCalls[e.id.toString()] !== undefined) {
      return { $typeName: "cel.expr.Expr", id: e.id, exprKind: { case: undefined, value: undefined } };
    }
    const k = e.exprKind;
    switch (k.case) {
      case "callExpr": {
        const args = k.value.args.map((a) => this.macroArg(a));
        const target = k.value.target === undefined ? undefined : this.macroArg(k.value.target);
        const value: Call = { $typeName: "cel.expr.Expr.Call", function: k.value.function, target, args };
        return { $typeName: "cel.expr.Expr", id: e.id, exprKind: { case: "callExpr", value } };
      }
      case "selectExpr": {
        const s = k.value;
        return {
          $typeName: "cel.expr.Expr",
          id: e.id,
          exprKind: {
            case: "selectExpr",
            value: {
              $typeName: "cel.expr.Expr.Select",
              operand: s.operand === undefined ? undefined : this.macroArg(s.operand),
              field: s.field,
              testOnly: s.testOnly,
            },
          },
        };
      }
      case "listExpr":
        return {
          $typeName: "cel.expr.Expr",
          id: e.id,
          exprKind: {
            case: "listExpr",
            value: {
              $typeName: "cel.expr.Expr.CreateList",
              elements: k.value.elements.map((x) => this.macroArg(x)),
              optionalIndices: k.value.optionalIndices,
            },
          },
        };
      default:
        return e;
    }
  }
}
