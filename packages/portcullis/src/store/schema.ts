import type { Database } from "./sqlite.js";

/** Version of the schema below, kept in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS audits (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  audit_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  objects_reviewed INTEGER NOT NULL,
  total_violations INTEGER NOT NULL,
  new_violations INTEGER NOT NULL DEFAULT 0,
  resolved_violations INTEGER NOT NULL DEFAULT 0,
  constraints_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS violations (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  constraint_kind TEXT NOT NULL,
  constraint_name TEXT NOT NULL,
  object_group TEXT NOT NULL,
  object_version TEXT NOT NULL,
  object_kind TEXT NOT NULL,
  object_namespace TEXT NOT NULL,
  object_name TEXT NOT NULL,
  message TEXT NOT NULL,
  enforcement_action TEXT NOT NULL,
  enforcement_actions TEXT NOT NULL,
  details TEXT,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  resolved_at INTEGER,
  first_audit INTEGER NOT NULL,
  last_audit INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS violations_open ON violations (fingerprint) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS violations_constraint ON violations (constraint_kind, constraint_name);
CREATE INDEX IF NOT EXISTS violations_object ON violations (object_namespace, object_kind, object_name);
CREATE INDEX IF NOT EXISTS violations_last_audit ON violations (last_audit) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS violations_seen ON violations (last_seen);
`;

/** Creates or upgrades the schema. */
export function migrate(db: Database): void {
  const version = Number(db.pragma("user_version", { simple: true }));
  if (version >= SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(SCHEMA_V1);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
