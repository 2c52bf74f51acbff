import { describe, expect, it } from "vitest";
import { AdmissionBatcher, SERVING_CANCELED } from "./admission-batcher.js";

interface Call {
  readonly n: number;
  readonly deadline: number;
}

const later = (): number => Date.now() + 10_000;

describe("AdmissionBatcher", () => {
  it("decides the calls of one turn of the event loop together, each answer to its call", async () => {
    const batches: number[][] = [];
    const batcher = new AdmissionBatcher<Call, string>(
      (calls) => {
        batches.push(calls.map((c) => c.n));
        return calls.map((c) => `answer ${c.n}`);
      },
      { lanes: 1, maxBatch: 10 },
    );
    const answers = await Promise.all([1, 2, 3].map((n) => batcher.submit({ n, deadline: later() })));
    expect(answers).toEqual(["answer 1", "answer 2", "answer 3"]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("caps batches, and queues what arrives while a lane is busy for the next batch", async () => {
    const batches: number[][] = [];
    const releases: (() => void)[] = [];
    const batcher = new AdmissionBatcher<Call, number>(
      (calls) => {
        batches.push(calls.map((c) => c.n));
        return new Promise((resolve) => releases.push(() => resolve(calls.map((c) => c.n * 10))));
      },
      { lanes: 1, maxBatch: 2 },
    );
    const first = [1, 2, 3].map((n) => batcher.submit({ n, deadline: later() }));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1, 2]]);
    expect(batcher.queued).toBe(1);
    const more = [4, 5].map((n) => batcher.submit({ n, deadline: later() }));
    releases[0]?.();
    await new Promise((r) => setTimeout(r, 5));
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    releases[1]?.();
    await new Promise((r) => setTimeout(r, 5));
    releases[2]?.();
    expect(await Promise.all([...first, ...more])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("shares waiting calls between free lanes", async () => {
    const batches: number[][] = [];
    const batcher = new AdmissionBatcher<Call, number>(
      async (calls) => {
        batches.push(calls.map((c) => c.n));
        return calls.map((c) => c.n);
      },
      { lanes: 2, maxBatch: 10 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit({ n, deadline: later() })));
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it("cancels a call still waiting at its deadline, and decides the others", async () => {
    let release: () => void = () => {};
    const batcher = new AdmissionBatcher<Call, number>(
      (calls) =>
        calls[0]?.n === 1
          ? new Promise((resolve) => {
              release = () => resolve(calls.map((c) => c.n));
            })
          : calls.map((c) => c.n),
      { lanes: 1, maxBatch: 1 },
    );
    const busy = batcher.submit({ n: 1, deadline: later() });
    await new Promise((r) => setImmediate(r));
    const late = batcher.submit({ n: 2, deadline: Date.now() + 20 });
    const patient = batcher.submit({ n: 3, deadline: later() });
    await expect(late).rejects.toThrow(SERVING_CANCELED);
    expect(batcher.queued).toBe(1);
    release();
    expect(await busy).toBe(1);
    expect(await patient).toBe(3);
  });

  it("fails only the batch whose decider throws or answers too few", async () => {
    const batcher = new AdmissionBatcher<Call, number>(
      (calls) => {
        if (calls.some((c) => c.n === 0)) throw new Error("broken policy");
        return calls.slice(1).map((c) => c.n);
      },
      { lanes: 1, maxBatch: 1 },
    );
    const broken = batcher.submit({ n: 0, deadline: later() });
    const short = batcher.submit({ n: 7, deadline: later() });
    await expect(broken).rejects.toThrow("broken policy");
    await expect(short).rejects.toThrow("answered 0 of 1");
  });

  it("refuses lanes or batches below one", () => {
    expect(() => new AdmissionBatcher(() => [], { lanes: 0, maxBatch: 1 })).toThrow(RangeError);
    expect(() => new AdmissionBatcher(() => [], { lanes: 1, maxBatch: 0 })).toThrow(RangeError);
  });
});
