/** What the node compilers share: the compiler's entry points and compile-time scopes. */
import type { CelEnv } from "@bufbuild/cel";
import type { Expr } from "./ast.js";
import type { Eval } from "./compile-frame.js";

/** Comprehension variables in scope: name → slot. */
export type Scope = ReadonlyMap<string, number>;

/** The compiler as node compilers see it. */
export interface NodeCompiler {
  /** The environment whose functions calls resolve to. */
  readonly env: CelEnv;
  /** Compiles a sub-expression. */
  compile(e: Expr, scope: Scope): Eval;
  /** A fresh slot for a comprehension variable. */
  newSlot(): number;
  /** Whether `name` is a root binding (or `variables`) not shadowed by a comprehension variable. */
  isGlobal(name: string, scope: Scope): boolean;
}
