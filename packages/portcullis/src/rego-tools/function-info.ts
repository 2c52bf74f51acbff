import { type BuiltinRegistry, defaultBuiltins, type Module } from "@portcullis/rego";
import { type FunctionInfo, refName } from "./query-plan.js";

/** Arity of builtins and of the user functions the modules define (`data.pkg.f`). */
export function functionInfo(
  modules: readonly Module[],
  builtins: BuiltinRegistry = defaultBuiltins(),
): FunctionInfo {
  const user = new Map<string, number>();
  for (const m of modules) {
    const pkg = refName(m.package.path);
    if (pkg === undefined) continue;
    for (const rule of m.rules) {
      if (rule.head.args === undefined) continue;
      const head = rule.head.ref.map((t, i) =>
        i === 0 && t.type === "var"
          ? t.name
          : t.type === "scalar" && typeof t.value === "string"
            ? t.value
            : undefined,
      );
      if (head.some((p) => p === undefined)) continue;
      user.set(`${pkg}.${head.join(".")}`, rule.head.args.length);
    }
  }
  return {
    arity: (name) => {
      const decl = builtins.get(name)?.decl;
      if (decl !== undefined)
        return decl.result === undefined || decl.variadic === true ? undefined : decl.args.length;
      return user.get(name);
    },
    isRelation: (name) => builtins.get(name)?.decl.relation === true,
  };
}
