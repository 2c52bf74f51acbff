import type { Value } from "../value/value.js";
import type { BuiltinContext, BuiltinDef } from "./registry.js";

/** A deterministic builtin context for tests: a fixed clock, seeded randomness, printed lines kept. */
export function testContext(
  options: { strict?: boolean; nowNs?: bigint; cancelled?: () => boolean } = {},
): BuiltinContext & {
  printed: string[];
} {
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const printed: string[] = [];
  return {
    strict: options.strict ?? true,
    nowNs: () => options.nowNs ?? 1700000000000000000n,
    randomInt: (n) => Math.floor(next() * n),
    randomBytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
    cancelled: options.cancelled ?? (() => false),
    print: (m) => printed.push(m),
    queryCache: new Map(),
    services: {},
    printed,
  };
}

/** Calls the builtin `name` from `defs` with a test context. Throws when it is not there. */
export function callBuiltin(defs: readonly BuiltinDef[], name: string, ...args: Value[]): Value | undefined {
  const def = defs.find((d) => d.decl.name === name);
  if (def === undefined) throw new Error(`no builtin ${name}`);
  return def.impl(args, testContext());
}
