import type { Term } from "../ast/nodes.js";
import { valueName } from "./ast-util.js";

/** OPA's checks on a default rule's value: a constant (comprehensions excepted). */
export function validateDefaultValue(value: Term | undefined): string[] {
  if (value === undefined) return ["illegal default rule (must have a value)"];
  const errors: string[] = [];
  const walk = (t: Term): void => {
    switch (t.type) {
      case "ref":
      case "var":
      case "call":
        errors.push(`illegal default rule (value cannot contain ${t.type})`);
        return;
      case "array":
      case "set":
        t.items.forEach(walk);
        return;
      case "object":
        for (const [k, v] of t.entries) {
          walk(k);
          walk(v);
        }
        return;
      case "template":
        for (const p of t.parts) if (typeof p !== "string" && !("node" in p)) walk(p);
        return;
      default:
        return;
    }
  };
  walk(value);
  return errors;
}

/** OPA's checks on a default function's arguments: distinct variables only. */
export function validateDefaultArgs(args: readonly Term[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const a of args) {
    if (a.type !== "var") {
      errors.push(`illegal default rule (arguments cannot contain ${valueName(a)})`);
      continue;
    }
    if (seen.has(a.name)) errors.push(`illegal default rule (arguments cannot be repeated ${a.name})`);
    seen.add(a.name);
  }
  return errors;
}
