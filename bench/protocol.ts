import { loadavg } from "node:os";

/** One timed subject: run `op` `n` times. */
export interface Subject {
  readonly name: string;
  readonly op: () => unknown;
}

/**
 * A subject whose every call takes a fresh input, made untimed by `prepare`, so that no cache
 * keyed by the input carries over from one call to the next. Timed call by call.
 */
export interface PreparedSubject<T> {
  readonly name: string;
  readonly prepare: () => T;
  readonly run: (input: T) => unknown;
}

/** What a comparison reports (one JSON line per goal). */
export interface Comparison {
  goal: string;
  ratio: number;
  spread: [number, number];
  p50_ns: number;
  p99_ns: number;
  baseline_p50_ns: number;
  target: number;
  pass: boolean;
  loadavg: number;
  heap_bytes_per_op?: number;
}

let sink: unknown;

/** Times `iterations` calls, `batch` at a time (one at a time for a subject that prepares). */
function timeBatch<T>(subject: Subject | PreparedSubject<T>, iterations: number, batch: number): number[] {
  const samples: number[] = [];
  if ("prepare" in subject) {
    for (let i = 0; i < iterations; i++) {
      const input = subject.prepare();
      const t0 = process.hrtime.bigint();
      sink = subject.run(input);
      samples.push(Number(process.hrtime.bigint() - t0));
    }
    return samples;
  }
  const op = subject.op;
  for (let i = 0; i < iterations; i += batch) {
    const t0 = process.hrtime.bigint();
    for (let j = 0; j < batch; j++) sink = op();
    samples.push(Number(process.hrtime.bigint() - t0) / batch);
  }
  return samples;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

async function waitForQuietHost(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    const l = loadavg()[0] ?? 0;
    if (l <= 1.5) return l;
    await new Promise((r) => setTimeout(r, 5000));
  }
  return loadavg()[0] ?? 0;
}

/** How {@link compare} runs. */
export interface CompareOptions {
  readonly target: number;
  readonly rounds?: number;
  /** Calls of each subject per round. */
  readonly iterations?: number;
  readonly warmupMs?: number;
  /** Calls per timed sample for subjects that do not prepare (default 50). */
  readonly batch?: number;
  /** Calls over which the candidate's heap growth is measured; 0 measures none (default 100,000). */
  readonly heapIterations?: number;
}

/**
 * Interleaves baseline and candidate for `rounds` rounds (A, B, A, B, …) after a warm-up, and
 * reports the median of the per-round ratios B/A with its spread (performance.md's protocol).
 */
export async function compare<A, B>(
  goal: string,
  baseline: Subject | PreparedSubject<A>,
  candidate: Subject | PreparedSubject<B>,
  options: CompareOptions,
): Promise<Comparison> {
  const rounds = options.rounds ?? 5;
  const iterations = options.iterations ?? 20000;
  const batch = options.batch ?? 50;
  const warmEnd = Date.now() + (options.warmupMs ?? 3000);
  while (Date.now() < warmEnd) {
    timeBatch(baseline, 1000, batch);
    timeBatch(candidate, 1000, batch);
  }
  const load = await waitForQuietHost();
  const ratios: number[] = [];
  const all: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const a = timeBatch(baseline, iterations, batch).sort((x, y) => x - y);
    const b = timeBatch(candidate, iterations, batch).sort((x, y) => x - y);
    ratios.push(percentile(b, 0.5) / percentile(a, 0.5));
    all.push(...b);
    base.push(...a);
  }
  all.sort((x, y) => x - y);
  base.sort((x, y) => x - y);
  ratios.sort((x, y) => x - y);
  const ratio = percentile(ratios, 0.5);
  const heapIterations = options.heapIterations ?? 100000;
  const heap = heapIterations > 0 ? heapPerOp(candidate, heapIterations) : undefined;
  void sink;
  return {
    goal,
    ratio: round(ratio),
    spread: [round(ratios[0] ?? ratio), round(ratios[ratios.length - 1] ?? ratio)],
    p50_ns: Math.round(percentile(all, 0.5)),
    p99_ns: Math.round(percentile(all, 0.99)),
    baseline_p50_ns: Math.round(percentile(base, 0.5)),
    target: options.target,
    pass: ratio <= options.target && ratios.every((x) => x <= options.target * 1.25),
    loadavg: round(load),
    ...(heap === undefined ? {} : { heap_bytes_per_op: heap }),
  };
}

function heapPerOp<T>(subject: Subject | PreparedSubject<T>, n: number): number {
  const before = process.memoryUsage().heapUsed;
  if ("prepare" in subject) for (let i = 0; i < n; i++) sink = subject.run(subject.prepare());
  else for (let i = 0; i < n; i++) sink = subject.op();
  const after = process.memoryUsage().heapUsed;
  return Math.max(0, Math.round((after - before) / n));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
