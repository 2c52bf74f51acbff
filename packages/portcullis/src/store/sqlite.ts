import { createRequire as nodeRequireFrom } from "node:module";

/** The result of a write statement. */
export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

/** The part of better-sqlite3's Statement this package uses. */
export interface Statement {
  run(...params: readonly unknown[]): RunResult;
  get(...params: readonly unknown[]): unknown;
  all(...params: readonly unknown[]): unknown[];
}

/** The part of better-sqlite3's Database this package uses. */
export interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
  readonly open: boolean;
}

type DatabaseConstructor = new (
  file: string,
  options?: { readonly readonly?: boolean; readonly timeout?: number },
) => Database;

// better-sqlite3 ships no types and @types/better-sqlite3 is not installed; it is loaded through
// require and described by the interfaces above.
const requireNative = nodeRequireFrom(import.meta.url);
let ctor: DatabaseConstructor | undefined;

/** Opens (creating when missing) a SQLite database file with better-sqlite3. */
export function openDatabase(file: string, options: { readonly readonly?: boolean } = {}): Database {
  const Ctor: DatabaseConstructor = ctor ?? requireNative("better-sqlite3");
  ctor = Ctor;
  return new Ctor(file, { timeout: 5000, ...(options.readonly === true ? { readonly: true } : {}) });
}
