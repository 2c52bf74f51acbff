/** The CEL abstract syntax tree produced by the parser. `pos` is a character offset. */
import type { CelValue } from "./values.js";

export type Expr =
  | { readonly k: "lit"; readonly v: CelValue; readonly pos: number }
  | { readonly k: "ident"; readonly name: string; readonly pos: number }
  | {
      readonly k: "select";
      readonly operand: Expr;
      readonly field: string;
      readonly optional: boolean;
      readonly pos: number;
    }
  | {
      readonly k: "index";
      readonly operand: Expr;
      readonly index: Expr;
      readonly optional: boolean;
      readonly pos: number;
    }
  | {
      readonly k: "call";
      readonly fn: string;
      readonly target: Expr | null;
      readonly args: readonly Expr[];
      readonly pos: number;
    }
  | {
      readonly k: "list";
      readonly elems: readonly Expr[];
      readonly optional: readonly boolean[];
      readonly pos: number;
    }
  | { readonly k: "map"; readonly entries: readonly MapEntry[]; readonly pos: number }
  | { readonly k: "unary"; readonly op: "!" | "-"; readonly operand: Expr; readonly pos: number }
  | {
      readonly k: "binary";
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly pos: number;
    }
  | {
      readonly k: "cond";
      readonly cond: Expr;
      readonly then: Expr;
      readonly else: Expr;
      readonly pos: number;
    };

export type BinaryOp =
  | "||"
  | "&&"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "in"
  | "+"
  | "-"
  | "*"
  | "/"
  | "%";

export interface MapEntry {
  readonly key: Expr;
  readonly value: Expr;
  readonly optional: boolean;
}
