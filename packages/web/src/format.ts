import type { ObjectRef, Problem } from "./api-types.js";

/** An RFC 3339 time as `2026-11-28 21:10:03 UTC`; text that is not a time is returned as it is. */
export function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)} UTC`;
}

/** How long before `now` (milliseconds since the epoch) `iso` was: `just now`, `3 min ago`, `in 2 h`. */
export function formatRelative(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const seconds = Math.round((now - ms) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 10) return "just now";
  let amount: string;
  if (abs < 60) amount = `${abs} s`;
  else if (abs < 3600) amount = `${Math.floor(abs / 60)} min`;
  else if (abs < 86400) amount = `${Math.floor(abs / 3600)} h`;
  else {
    const days = Math.floor(abs / 86400);
    amount = days === 1 ? "1 day" : `${formatCount(days)} days`;
  }
  return seconds > 0 ? `${amount} ago` : `in ${amount}`;
}

/** An integer with thousands separated by commas: `12,345`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A count, or `–` when there is none (a constraint not audited yet). */
export function formatOptionalCount(n: number | null | undefined): string {
  return n === null || n === undefined ? "–" : formatCount(n);
}

/** `1 violation`, `2 violations`; `plural` for words that do not just take an `s`. */
export function formatCounted(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** `namespace/name`, or just `name` for a cluster-scoped object. */
export function formatNamespacedName(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** `group/version Kind namespace/name`, the group left out for the core group: `v1 Pod default/nginx`. */
export function formatObjectRef(ref: ObjectRef): string {
  const groupVersion = ref.group ? `${ref.group}/${ref.version}` : ref.version;
  return [groupVersion, ref.kind, formatNamespacedName(ref.namespace, ref.name)]
    .filter((part) => part !== "")
    .join(" ");
}

/** Where a problem is: `file:line:col`, as much of it as is known. */
export function formatProblemLocation(p: Problem): string {
  if (p.line === undefined) return p.file;
  return p.col === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.col}`;
}
