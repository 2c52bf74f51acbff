/** The @bufbuild/cel parse tree (cel.expr protos): types and constructors for rewritten nodes. */
import type { parse } from "@bufbuild/cel";

/** A parsed expression. */
export type ParsedExpr = ReturnType<typeof parse>;
/** An expression node. */
export type Expr = ParsedExpr["expr"];
type Kind = Expr["exprKind"];
/** The payload of a node kind, e.g. `Node<"callExpr">` is a call. */
export type Node<C extends NonNullable<Kind["case"]>> = Extract<Kind, { case: C }>["value"];
type Constant = Node<"constExpr">["constantKind"];

/** Makes nodes with fresh ids, giving each the source offset of the node it was derived from. */
export class NodeFactory {
  private next: bigint;

  constructor(
    private readonly positions: { [id: string]: number },
    maxId: bigint,
  ) {
    this.next = maxId + 1n;
  }

  /** The source offset of `e` (0 when unknown). */
  offset(e: Expr): number {
    return this.positions[e.id.toString()] ?? 0;
  }

  private node(at: number, exprKind: Kind): Expr {
    const id = this.next++;
    this.positions[id.toString()] = at;
    return { $typeName: "cel.expr.Expr", id, exprKind };
  }

  ident(at: number, name: string): Expr {
    return this.node(at, { case: "identExpr", value: { $typeName: "cel.expr.Expr.Ident", name } });
  }

  call(at: number, fn: string, args: Expr[], target?: Expr): Expr {
    return this.node(at, {
      case: "callExpr",
      value: { $typeName: "cel.expr.Expr.Call", function: fn, args, target },
    });
  }

  constant(at: number, constantKind: Constant): Expr {
    return this.node(at, { case: "constExpr", value: { $typeName: "cel.expr.Constant", constantKind } });
  }

  bool(at: number, value: boolean): Expr {
    return this.constant(at, { case: "boolValue", value });
  }

  int(at: number, value: bigint): Expr {
    return this.constant(at, { case: "int64Value", value });
  }

  list(at: number, elements: Expr[]): Expr {
    return this.node(at, {
      case: "listExpr",
      value: { $typeName: "cel.expr.Expr.CreateList", elements, optionalIndices: [] },
    });
  }

  emptyMap(at: number): Expr {
    return this.node(at, {
      case: "structExpr",
      value: { $typeName: "cel.expr.Expr.CreateStruct", messageName: "", entries: [] },
    });
  }

  comprehension(at: number, c: Omit<Node<"comprehensionExpr">, "$typeName" | "iterVar2">): Expr {
    return this.node(at, {
      case: "comprehensionExpr",
      value: { $typeName: "cel.expr.Expr.Comprehension", iterVar2: "", ...c },
    });
  }
}

/** The largest node id in `e`. */
export function maxId(e: Expr | undefined): bigint {
  if (e === undefined) return 0n;
  let max = e.id;
  for (const child of children(e)) {
    const m = maxId(child);
    if (m > max) max = m;
  }
  return max;
}

/** The direct sub-expressions of `e`. */
export function children(e: Expr): Expr[] {
  const k = e.exprKind;
  switch (k.case) {
    case "selectExpr":
      return k.value.operand === undefined ? [] : [k.value.operand];
    case "callExpr":
      return k.value.target === undefined ? k.value.args : [k.value.target, ...k.value.args];
    case "listExpr":
      return k.value.elements;
    case "structExpr":
      return k.value.entries.flatMap((en) =>
        en.keyKind.case === "mapKey"
          ? [en.keyKind.value, ...(en.value ? [en.value] : [])]
          : en.value
            ? [en.value]
            : [],
      );
    case "comprehensionExpr": {
      const c = k.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].filter(
        (x): x is Expr => x !== undefined,
      );
    }
    default:
      return [];
  }
}
