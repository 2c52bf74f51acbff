import { celList } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { itemsOf, listItems, makeList } from "./list-values.js";

describe("lists with reachable arrays", () => {
  it("are ordinary CEL lists", () => {
    const l = makeList([1n, "a"]);
    expect(l.size).toBe(2);
    expect(l.get(1)).toBe("a");
    expect(Array.from(l)).toEqual([1n, "a"]);
  });

  it("expose their array; other lists are copied", () => {
    const items = [1n, 2n];
    expect(itemsOf(makeList(items))).toBe(items);
    expect(itemsOf(celList([1n]))).toBeUndefined();
    expect(listItems(celList([1n, 2n]))).toEqual([1n, 2n]);
    expect(listItems(makeList(items))).toBe(items);
  });
});
