import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCel } from "./index.js";
import { reference } from "./test-expressions.js";

/** Both parsers agree: the same tree, or both reject. */
function agree(source: string): void {
  const expected = reference(source);
  const actual = parseCel(source);
  if (expected === undefined) expect(actual, source).toBeUndefined();
  else expect(actual, source).toStrictEqual(expected);
}

/** Whitespace and comments between tokens (sometimes more than @bufbuild/cel accepts). */
const gap = fc.constantFrom("", "", "", " ", "  ", "\n", "\t", " // c\n", "\r\n", "// x\n // y\n");

const literal = fc.oneof(
  fc.constantFrom("null", "true", "false", "1u", "0x1Fu", "1.5", ".5", "1e3", "-2.5e-3", "0x10", "-0x10"),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((d) => {
    const s = String(d);
    return s.includes(".") || s.includes("e") ? s : `${s}.0`;
  }),
  fc
    .string({
      unit: fc.constantFrom("a", "b", " ", "'", '"', "\\n", "\\x41", "\\u00e9", "\\'", "é", "😀"),
      maxLength: 6,
    })
    .chain((body) =>
      fc.constantFrom(
        `"${body}"`,
        `'${body}'`,
        `"""${body}"""`,
        `r"${body}"`,
        `b"${body}"`,
        `b'''${body}'''`,
      ),
    ),
);

const name = fc.constantFrom("a", "b", "x", "y", "_v", "self", "object", "in_x", "nullable", "int", "has");
const varName = fc.constantFrom("x", "y", "e", "k");

const BINARY = ["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "in", "&&", "||"];

/** Random expressions from a small CEL grammar, with random spacing. */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => {
  const e = tie("e");
  const g = gap;
  return {
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      literal,
      name,
      name.map((n) => `.${n}`),
      fc.tuple(e, g, fc.constantFrom(...BINARY), g, e).map(([a, s1, op, s2, b]) => `${a}${s1}${op}${s2}${b}`),
      fc.tuple(fc.constantFrom("!", "-", "!!", "--", "- ", "!!!"), e).map(([op, a]) => `${op}${a}`),
      fc.tuple(e, g, e, g, e).map(([c, s1, a, s2, b]) => `${c}${s1}?${s2}${a} :${s1}${b}`),
      fc.tuple(g, e, g).map(([s1, a, s2]) => `(${s1}${a}${s2})`),
      fc.tuple(e, name).map(([a, f]) => `${a}.${f}`),
      fc.tuple(e, g, e).map(([a, s, k]) => `${a}${s}[${k}]`),
      fc.tuple(e, name, fc.array(e, { maxLength: 3 })).map(([a, f, args]) => `${a}.${f}(${args.join(", ")})`),
      fc.tuple(name, fc.array(e, { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(",")})`),
      fc
        .tuple(fc.array(e, { maxLength: 3 }), fc.boolean())
        .map(([xs, t]) => `[${xs.join(", ")}${t ? "," : ""}]`),
      fc
        .tuple(fc.array(fc.tuple(e, e), { maxLength: 3 }), fc.boolean())
        .map(([kv, t]) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(", ")}${t ? "," : ""}}`),
      fc
        .tuple(fc.constantFrom("A", "a.B", ".a.B"), fc.array(fc.tuple(name, e), { maxLength: 2 }))
        .map(([m, fs]) => `${m}{${fs.map(([f, v]) => `${f}: ${v}`).join(", ")}}`),
      fc.tuple(e, name).map(([a, f]) => `has(${a}.${f})`),
      fc
        .tuple(e, fc.constantFrom("all", "exists", "exists_one", "existsOne", "map", "filter"), varName, e)
        .map(([r, m, v, body]) => `${r}.${m}(${v}, ${body})`),
      fc.tuple(e, varName, e, e).map(([r, v, p, body]) => `${r}.map(${v}, ${p}, ${body})`),
    ),
  };
}).e;

/** Characters and fragments that random sources are made of. */
const fragment = fc.constantFrom(
  ..."abxyz_019.,:;?!-+*/%<>=&|()[]{}'\"\\ \n\tr".split(""),
  "in",
  "true",
  "null",
  "while",
  "has(",
  ".all(x,",
  ".map(",
  "0x",
  "1u",
  "1.5",
  "e5",
  '"""',
  "'''",
  "//",
  "\\x",
  "\\u00",
  "&&",
  "||",
  "==",
);

describe("parseCel agrees with @bufbuild/cel", () => {
  it("on random valid expressions", () => {
    fc.assert(
      fc.property(expression, (source) => {
        agree(source);
      }),
      { numRuns: 3000 },
    );
  });

  it("on random sources", () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 16 }), (parts) => {
        agree(parts.join(""));
      }),
      { numRuns: 5000 },
    );
  });

  it("on random edits of valid expressions", () => {
    fc.assert(
      fc.property(expression, fc.nat(), fragment, fc.boolean(), (source, at, insert, remove) => {
        const i = source.length === 0 ? 0 : at % source.length;
        agree(source.slice(0, i) + (remove ? "" : insert) + source.slice(remove ? i + 1 : i));
      }),
      { numRuns: 3000 },
    );
  });

  it("on random strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (source) => {
        agree(source);
      }),
      { numRuns: 2000 },
    );
  });
});
