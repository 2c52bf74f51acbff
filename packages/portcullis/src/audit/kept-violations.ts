import { compareStatusViolations, type StatusViolation } from "./status-violation.js";

/**
 * The violations Gatekeeper keeps in a constraint's status: a max-heap bounded at the limit, so it
 * holds the `limit` smallest violations in {@link compareStatusViolations} order, and yields them
 * largest first, the order in which Gatekeeper pops them into `status.violations`.
 */
export class KeptViolations {
  private readonly heap: StatusViolation[] = [];

  constructor(readonly limit: number) {}

  get size(): number {
    return this.heap.length;
  }

  /** The largest kept violation once `limit` are kept: an offer must be smaller to be kept. */
  get bar(): StatusViolation | undefined {
    return this.limit > 0 && this.heap.length >= this.limit ? this.heap[0] : undefined;
  }

  /** Offers one violation; keeps it when it is among the `limit` smallest seen. */
  push(v: StatusViolation): void {
    if (this.limit <= 0) return;
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(v);
      this.siftUp(heap.length - 1);
      return;
    }
    const top = heap[0];
    if (top === undefined || compareStatusViolations(v, top) >= 0) return;
    heap[0] = v;
    this.siftDown(0);
  }

  /** The kept violations, largest first. Does not empty the heap. */
  descending(): StatusViolation[] {
    return [...this.heap].sort((a, b) => compareStatusViolations(b, a));
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      const c = heap[i];
      if (p === undefined || c === undefined || compareStatusViolations(c, p) <= 0) return;
      heap[parent] = c;
      heap[i] = p;
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      const li = heap[l];
      const ri = heap[r];
      const cur = heap[largest];
      if (li !== undefined && cur !== undefined && compareStatusViolations(li, cur) > 0) largest = l;
      const big = heap[largest];
      if (ri !== undefined && big !== undefined && compareStatusViolations(ri, big) > 0) largest = r;
      if (largest === i) return;
      const a = heap[i];
      const b = heap[largest];
      if (a === undefined || b === undefined) return;
      heap[i] = b;
      heap[largest] = a;
      i = largest;
    }
  }
}
