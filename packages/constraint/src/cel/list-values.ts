/**
 * CEL lists made here keep their array reachable, so compiled code can iterate and index them
 * directly instead of through @bufbuild/cel's list (which converts each element on every access).
 * The arrays hold CEL values already and are never modified after the list is made.
 */
import { type CelList, type CelValue, celList } from "@bufbuild/cel";

const ITEMS = Symbol("list items");

/** A list as seen here: possibly tagged with its items (a plain property, so tagging is cheap). */
interface Tagged {
  readonly size: number;
  [ITEMS]?: readonly CelValue[];
}

/** A CEL list of `items` (which must not change afterwards). */
export function makeList(items: CelValue[]): CelList {
  const l = celList(items);
  const tagged: Tagged = l;
  tagged[ITEMS] = items;
  return l;
}

/** The elements of a list made by {@link makeList}; undefined for other lists. */
export function itemsOf(l: CelList): readonly CelValue[] | undefined {
  const tagged: Tagged = l;
  return tagged[ITEMS];
}

/** The elements of any CEL list as an array (the list's own when it has one). */
export function listItems(l: CelList): readonly CelValue[] {
  const items = itemsOf(l);
  if (items !== undefined) return items;
  const out: CelValue[] = [];
  for (let i = 0; i < l.size; i++) out.push(l.get(i) ?? null);
  return out;
}
