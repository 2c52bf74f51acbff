/**
 * A subset of Go's `text/template` for `strings.render_template`: text, `{{pipeline}}` with
 * fields, variables, literals, parenthesized pipelines and `|`; `if`/`else if`/`else`, `range`
 * (with `$i, $v :=` and `else`), `with`, `break`, `continue`, comments and `{{-`/`-}}` trimming;
 * functions and, or, not, len, index, print, println, printf, eq, ne, lt, le, gt, ge.
 * Values print as Go prints the JSON values OPA passes (`[a b]`, `map[k:v]`); missing keys
 * print `<undefined>`.
 */
import { formatNumber } from "../value/number.js";
import {
  compareValues,
  isArray,
  isNumber,
  isObject,
  type ObjectValue,
  objectEntries,
  objectGet,
  objectSize,
  RegoSet,
  type Value,
  valuesEqual,
} from "../value/value.js";
import { BuiltinError } from "./errors.js";
import { goSprintf } from "./sprintf.js";
import { isGoSpace } from "./strings-go.js";

const MISSING: unique symbol = Symbol("missing");
type TValue = Value | typeof MISSING;

type Arg =
  | { readonly k: "dot"; readonly path: readonly string[] }
  | { readonly k: "var"; readonly name: string; readonly path: readonly string[] }
  | { readonly k: "lit"; readonly v: Value }
  | { readonly k: "fn"; readonly name: string }
  | { readonly k: "pipe"; readonly pipe: Pipe; readonly path: readonly string[] };

interface Pipe {
  readonly vars: readonly string[];
  readonly assign: boolean;
  readonly cmds: readonly (readonly Arg[])[];
}

type Node =
  | { readonly k: "text"; readonly s: string }
  | { readonly k: "out"; readonly pipe: Pipe }
  | {
      readonly k: "if" | "with" | "range";
      readonly pipe: Pipe;
      readonly body: Node[];
      readonly alt: Node[] | undefined;
    }
  | { readonly k: "break" | "continue" };

function fail(message: string): never {
  throw new BuiltinError(`template: template: ${message}`);
}

/** Splits the template into text and action sources, applying trim markers and dropping comments. */
function scan(src: string): { text: string[]; actions: string[] } {
  const text: string[] = [];
  const actions: string[] = [];
  let i = 0;
  let pending = "";
  let trimNext = false;
  while (true) {
    const open = src.indexOf("{{", i);
    let chunk = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNext) chunk = trimStartSpace(chunk);
    if (open < 0) {
      text.push(pending + chunk);
      return { text, actions };
    }
    let start = open + 2;
    if (src[start] === "-" && isGoSpace(src.charCodeAt(start + 1))) {
      chunk = trimEndSpace(chunk);
      start += 2;
    }
    const close = src.indexOf("}}", start);
    if (close < 0) fail("unclosed action");
    let end = close;
    trimNext = false;
    if (src[close - 1] === "-" && isGoSpace(src.charCodeAt(close - 2)) && close - 2 >= start) {
      end = close - 2;
      trimNext = true;
    }
    const body = src.slice(start, end).trim();
    i = close + 2;
    if (body.startsWith("/*")) {
      if (!body.endsWith("*/")) fail("unclosed comment");
      pending += chunk;
      continue;
    }
    text.push(pending + chunk);
    pending = "";
    actions.push(body);
  }
}

function trimStartSpace(s: string): string {
  let i = 0;
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++;
  return s.slice(i);
}

function trimEndSpace(s: string): string {
  let j = s.length;
  while (j > 0 && isGoSpace(s.charCodeAt(j - 1))) j--;
  return s.slice(0, j);
}

const TOKEN =
  /\s*(?:("(?:[^"\\]|\\.)*")|(`[^`]*`)|('(?:[^'\\]|\\.)+')|(-?\d[\d.eE+-]*)|(\$\w*(?:\.\w+)*)|((?:\.\w+)+|\.)|(\w+(?:\.\w+)*)|(:=|=|\||\(|\)|,))/y;

function tokenize(action: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < action.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(action);
    if (m === null) {
      if (action.slice(at).trim() === "") break;
      fail(`unexpected "${action.slice(at).trim()[0]}" in command`);
    }
    out.push(m[0].trim());
  }
  return out;
}

function parsePipe(
  tokens: readonly string[],
  from: number,
  stop: string | undefined,
): { pipe: Pipe; next: number } {
  let i = from;
  const vars: string[] = [];
  let assign = false;
  let j = i;
  while (j < tokens.length && (tokens[j] ?? "").startsWith("$")) {
    const name = tokens[j] ?? "";
    const sep = tokens[j + 1];
    if (sep === ",") {
      vars.push(name);
      j += 2;
      continue;
    }
    if (sep === ":=" || sep === "=") {
      vars.push(name);
      assign = sep === "=";
      i = j + 2;
    }
    break;
  }
  if (i === from) vars.length = 0;
  const cmds: Arg[][] = [];
  let cmd: Arg[] = [];
  while (i < tokens.length && tokens[i] !== stop) {
    const t = tokens[i] as string;
    if (t === "|") {
      if (cmd.length === 0) fail("missing command");
      cmds.push(cmd);
      cmd = [];
      i++;
      continue;
    }
    if (t === "(") {
      const inner = parsePipe(tokens, i + 1, ")");
      if (tokens[inner.next] !== ")") fail("unclosed left paren");
      i = inner.next + 1;
      let path: string[] = [];
      const after = tokens[i];
      if (after?.startsWith(".") && after !== ".") {
        path = after.slice(1).split(".");
        i++;
      }
      cmd.push({ k: "pipe", pipe: inner.pipe, path });
      continue;
    }
    cmd.push(parseArg(t));
    i++;
  }
  if (cmd.length > 0) cmds.push(cmd);
  if (cmds.length === 0) fail("missing value for command");
  return { pipe: { vars, assign, cmds }, next: i };
}

const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/** Go's interpreted string literal body (the common escapes). */
function unquote(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) => {
    if (e.length > 1) return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? e;
  });
}

function parseArg(t: string): Arg {
  if (t === ".") return { k: "dot", path: [] };
  if (t.startsWith(".")) return { k: "dot", path: t.slice(1).split(".") };
  if (t.startsWith("$")) {
    const [name, ...path] = t.split(".");
    return { k: "var", name: name ?? "$", path };
  }
  if (t.startsWith('"')) return { k: "lit", v: unquote(t.slice(1, -1)) };
  if (t.startsWith("`")) return { k: "lit", v: t.slice(1, -1) };
  if (t.startsWith("'")) return { k: "lit", v: unquote(t.slice(1, -1)).codePointAt(0) ?? 0 };
  if (/^-?\d/.test(t)) {
    const n = Number(t);
    if (Number.isNaN(n)) fail(`bad number syntax: "${t}"`);
    return { k: "lit", v: n };
  }
  if (t === "true" || t === "false") return { k: "lit", v: t === "true" };
  if (t === "nil") return { k: "lit", v: null };
  if (!(t in FUNCS)) fail(`function "${t}" not defined`);
  return { k: "fn", name: t };
}

function parse(src: string): Node[] {
  const { text, actions } = scan(src);
  let pos = 0;
  type Ended = { nodes: Node[]; end: string; tokens: readonly string[] };
  const parseList = (ends: readonly string[]): Ended => {
    const nodes: Node[] = [];
    while (true) {
      const t = text[pos];
      if (t) nodes.push({ k: "text", s: t });
      const action = actions[pos];
      pos++;
      if (action === undefined) {
        if (ends.length > 0) fail("unexpected EOF");
        return { nodes, end: "", tokens: [] };
      }
      const tokens = tokenize(action);
      const head = tokens[0] ?? "";
      if (head === "end" || head === "else") {
        if (!ends.includes(head)) fail(`unexpected {{${head}}}`);
        return { nodes, end: head, tokens };
      }
      if (head === "if" || head === "with" || head === "range") nodes.push(block(head, tokens));
      else if (head === "break" || head === "continue") nodes.push({ k: head });
      else if (head === "define" || head === "template" || head === "block")
        fail(`{{${head}}} is not supported`);
      else nodes.push({ k: "out", pipe: parsePipe(tokens, 0, undefined).pipe });
    }
  };
  const block = (k: "if" | "with" | "range", tokens: readonly string[]): Node => {
    const { pipe } = parsePipe(tokens, 1, undefined);
    const body = parseList(["end", "else"]);
    let alt: Node[] | undefined;
    if (body.end === "else") {
      const chained = body.tokens[1];
      if (chained === "if" || chained === "with") alt = [block(chained, body.tokens.slice(1))];
      else alt = parseList(["end"]).nodes;
    }
    return { k, pipe, body: body.nodes, alt };
  };
  return parseList([]).nodes;
}

function truthy(v: TValue): boolean {
  if (v === MISSING || v === null || v === false || v === 0 || v === 0n || v === "") return false;
  if (isArray(v)) return v.length > 0;
  if (v instanceof RegoSet) return v.size > 0;
  if (isObject(v)) return objectSize(v) > 0;
  return true;
}

function items(v: TValue): readonly (readonly [Value, Value])[] | undefined {
  if (v === MISSING) return undefined;
  if (isArray(v)) return v.map((x, i) => [i, x] as const);
  if (v instanceof RegoSet) return v.values().map((x, i) => [i, x] as const);
  if (isObject(v)) return objectEntries(v);
  return undefined;
}

/** Go's `%v` of the JSON values OPA hands to the template. */
function show(v: TValue, top: boolean): string {
  if (v === MISSING) return "<undefined>";
  if (v === null) return top ? "<no value>" : "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (isNumber(v)) return formatNumber(v);
  if (isArray(v) || v instanceof RegoSet) return `[${[...v].map((x) => show(x, false)).join(" ")}]`;
  return `map[${objectEntries(v as ObjectValue)
    .map(([k, x]) => `${show(k, false)}:${show(x, false)}`)
    .join(" ")}]`;
}

function field(v: TValue, path: readonly string[]): TValue {
  let cur = v;
  for (const name of path) {
    if (cur === MISSING) return MISSING;
    if (cur === null) return MISSING;
    if (!isObject(cur)) fail(`can't evaluate field ${name} in type ${typeof cur}`);
    cur = objectGet(cur, name) ?? MISSING;
  }
  return cur;
}

function compare(a: TValue, b: TValue): number {
  if (a === MISSING || b === MISSING) fail("incompatible types for comparison");
  if (typeof a !== typeof b && !(isNumber(a) && isNumber(b))) fail("incompatible types for comparison");
  return compareValues(a, b);
}

const FUNCS: Record<string, (args: TValue[]) => TValue> = {
  and: (a) => a.find((x) => !truthy(x)) ?? a[a.length - 1] ?? fail("wrong number of args for and"),
  or: (a) => a.find((x) => truthy(x)) ?? a[a.length - 1] ?? fail("wrong number of args for or"),
  not: (a) => !truthy(a[0] ?? MISSING),
  len: ([x]) => {
    if (typeof x === "string") return utf8Length(x);
    const it = items(x ?? MISSING);
    return it === undefined ? fail("len of invalid value") : it.length;
  },
  index: ([x, ...keys]) => {
    let cur: TValue = x ?? MISSING;
    for (const k of keys) {
      if (cur === MISSING || k === MISSING || k === undefined) return fail("can't index item");
      if (isArray(cur) && typeof k === "number") cur = cur[k] ?? fail(`index out of range: ${k}`);
      else if (isObject(cur)) cur = objectGet(cur, k) ?? MISSING;
      else fail("can't index item");
    }
    return cur;
  },
  print: (a) =>
    a
      .map(
        (x, i) => (i > 0 && typeof x !== "string" && typeof a[i - 1] !== "string" ? " " : "") + show(x, true),
      )
      .join(""),
  println: (a) => `${a.map((x) => show(x, true)).join(" ")}\n`,
  printf: ([fmt, ...rest]) =>
    goSprintf(
      typeof fmt === "string" ? fmt : "",
      rest.map((x): Value => (x === MISSING || x === undefined ? null : x)),
    ),
  eq: ([a, ...bs]) => bs.some((b) => a !== MISSING && a !== undefined && b !== MISSING && valuesEqual(a, b)),
  ne: ([a, b]) => compare(a ?? MISSING, b ?? MISSING) !== 0,
  lt: ([a, b]) => compare(a ?? MISSING, b ?? MISSING) < 0,
  le: ([a, b]) => compare(a ?? MISSING, b ?? MISSING) <= 0,
  gt: ([a, b]) => compare(a ?? MISSING, b ?? MISSING) > 0,
  ge: ([a, b]) => compare(a ?? MISSING, b ?? MISSING) >= 0,
};

/** UTF-8 length: Go's `len` of a string counts bytes. */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

class Exec {
  out = "";
  private readonly scopes: Map<string, TValue>[] = [];

  constructor(root: Value) {
    this.scopes.push(new Map([["$", root]]));
  }

  private lookup(name: string): TValue {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i];
      if (s?.has(name)) return s.get(name) ?? MISSING;
    }
    return fail(`undefined variable: ${name}`);
  }

  private setVar(name: string, v: TValue, assign: boolean): void {
    if (assign) {
      for (let i = this.scopes.length - 1; i >= 0; i--) {
        const s = this.scopes[i];
        if (s?.has(name)) {
          s.set(name, v);
          return;
        }
      }
      fail(`undefined variable: ${name}`);
    }
    this.scopes[this.scopes.length - 1]?.set(name, v);
  }

  private arg(a: Arg, dot: TValue, final: TValue | undefined): TValue {
    switch (a.k) {
      case "dot":
        return field(dot, a.path);
      case "var":
        return field(this.lookup(a.name), a.path);
      case "lit":
        return a.v;
      case "pipe":
        return field(this.pipe(a.pipe, dot), a.path);
      case "fn":
        return this.call(a.name, [], final);
    }
  }

  private call(name: string, args: TValue[], final: TValue | undefined): TValue {
    const fn = FUNCS[name];
    if (fn === undefined) return fail(`function "${name}" not defined`);
    return fn(final === undefined ? args : [...args, final]);
  }

  pipe(p: Pipe, dot: TValue): TValue {
    let final: TValue | undefined;
    for (const cmd of p.cmds) {
      const [head, ...rest] = cmd;
      if (head === undefined) continue;
      if (head.k === "fn")
        final = this.call(
          head.name,
          rest.map((a) => this.arg(a, dot, undefined)),
          final,
        );
      else if (rest.length > 0 || final !== undefined) fail(`can't give argument to non-function`);
      else final = this.arg(head, dot, undefined);
    }
    const v = final ?? MISSING;
    if (p.vars.length === 1) this.setVar(p.vars[0] as string, v, p.assign);
    return v;
  }

  /** Runs nodes; returns "break" or "continue" when a loop control was hit. */
  run(nodes: readonly Node[], dot: TValue): "break" | "continue" | undefined {
    for (const n of nodes) {
      switch (n.k) {
        case "text":
          this.out += n.s;
          break;
        case "out": {
          const v = this.pipe(n.pipe, dot);
          if (n.pipe.vars.length === 0) this.out += show(v, true);
          break;
        }
        case "break":
        case "continue":
          return n.k;
        case "if":
        case "with": {
          this.scopes.push(new Map());
          const v = this.pipe(n.pipe, dot);
          const ctl = truthy(v) ? this.run(n.body, n.k === "with" ? v : dot) : n.alt && this.run(n.alt, dot);
          this.scopes.pop();
          if (ctl) return ctl;
          break;
        }
        case "range": {
          this.scopes.push(new Map());
          const rangeVars = n.pipe.vars;
          const v = this.pipe({ ...n.pipe, vars: [] }, dot);
          const it = items(v);
          if (it === undefined && v !== null && v !== MISSING)
            fail(`range can't iterate over ${show(v, true)}`);
          if (it === undefined || it.length === 0) {
            if (n.alt) this.run(n.alt, dot);
          } else {
            for (const [k, x] of it) {
              if (rangeVars.length === 1) this.setVar(rangeVars[0] as string, x, false);
              if (rangeVars.length === 2) {
                this.setVar(rangeVars[0] as string, k, false);
                this.setVar(rangeVars[1] as string, x, false);
              }
              if (this.run(n.body, x) === "break") break;
            }
          }
          this.scopes.pop();
          break;
        }
      }
    }
    return undefined;
  }
}

/** Renders `template` with `vars` as its data (`.`). */
export function renderTemplate(template: string, vars: ObjectValue): string {
  const exec = new Exec(vars);
  exec.run(parse(template), vars);
  return exec.out;
}
