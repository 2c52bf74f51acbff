/**
 * An open-loop load at a steady rate: requests leave on a fixed schedule whether or not earlier
 * ones were answered, and each latency is measured from the time its request was due, so a
 * server that falls behind shows the whole delay (no coordinated omission). autocannon's rate
 * limit instead sends each second's share as fast as it is answered and then waits for the next
 * second: at any rate the server is measured in saturated bursts, and its latencies are then
 * back-filled for a 1 ms interval, which put the bare server's p99 at half its maximum rate at
 * 200–400 ms. autocannon stays the driver of closed-loop throughput runs.
 *
 * The requests go over TLS sockets as prepared HTTP/1.1 bytes and the replies are only framed
 * (status line, Content-Length), as autocannon does: `node:https`'s client costs the driver
 * several times more per request, and its own delays would show as the server's latency. A
 * connection carries one request at a time (no pipelining, as the protocol asks): requests due
 * while every connection is busy wait in the driver, their latency still counted from when they
 * were due.
 */
import { connect, type TLSSocket } from "node:tls";

/** What a paced run measured. */
export interface PacedSample {
  /** Requests answered by the end of the schedule, per second of it. */
  readonly achieved: number;
  /** Latency percentiles from each request's due time (ms). */
  readonly p50: number;
  readonly p99: number;
  /** Requests answered with a status other than 2xx. */
  readonly failed: number;
  /** Requests still unanswered 10 s after the schedule ended (sent or still waiting to be). */
  readonly unanswered: number;
}

/** Where to send the load and with what. */
export interface PacedTarget {
  readonly port: number;
  readonly ca: string;
  readonly bodies: readonly Buffer[];
  /** Keep-alive connections, all opened before the schedule starts. */
  readonly connections: number;
  /** Told of each 2xx answer on the schedule: when its request was due and its latency (ms). */
  readonly onAnswer?: (due: number, latency: number) => void;
}

/** One keep-alive connection and the request in flight on it, if any (no pipelining). */
interface Connection {
  readonly socket: TLSSocket;
  /** When the request in flight was due; undefined while the connection is free. */
  due: number | undefined;
  buffered: Buffer;
}

/** Latency percentile `p` (0–1) of sorted values. */
function percentileOf(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * The HTTP status of the reply at the start of `data` once it is complete (undefined before), and
 * the bytes after it.
 */
function takeReply(data: Buffer): { status: number | undefined; rest: Buffer } {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd < 0) return { status: undefined, rest: data };
  const head = data.toString("latin1", 0, headerEnd);
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
  const next = headerEnd + HEADER_END.length + length;
  if (next > data.length) return { status: undefined, rest: data };
  return { status: Number(head.slice(9, 12)), rest: data.subarray(next) };
}

function requestBytes(body: Buffer): Buffer {
  const head =
    "POST /v1/admit HTTP/1.1\r\nhost: localhost\r\nconnection: keep-alive\r\n" +
    `content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}

/**
 * Sends `rate` requests a second for `seconds` to `/v1/admit`, cycling through the bodies, each
 * on a free connection; waits for the answers (at most 10 s after
 * the schedule ends) and reports them. Between requests the driver spins on the event loop, so
 * it needs a core of its own (the bench pins it to one).
 */
export async function pacedRun(target: PacedTarget, seconds: number, rate: number): Promise<PacedSample> {
  const requests = target.bodies.map(requestBytes);
  if (requests.length === 0) throw new Error("no request bodies");
  const latencies: number[] = [];
  let failed = 0;
  let answeredInTime = 0;
  let outstanding = 0;
  let end = Number.POSITIVE_INFINITY;
  let scheduled = false;
  let onIdle: (() => void) | undefined;
  const open = (): Promise<Connection> =>
    new Promise((resolve, reject) => {
      const socket = connect({
        host: "127.0.0.1",
        port: target.port,
        ca: target.ca,
        servername: "localhost",
      });
      const c: Connection = { socket, due: undefined, buffered: Buffer.alloc(0) };
      socket.setNoDelay(true);
      socket.once("secureConnect", () => resolve(c));
      // Before the handshake an error fails the run; after it, the connection's request (if any)
      // stays unanswered and is reported so.
      socket.on("error", reject);
      socket.on("data", (chunk: Buffer) => {
        const { status, rest } = takeReply(
          c.buffered.length === 0 ? chunk : Buffer.concat([c.buffered, chunk]),
        );
        c.buffered = rest;
        if (status === undefined) return;
        const now = performance.now();
        const due = c.due ?? now;
        c.due = undefined;
        outstanding--;
        if (now <= end) answeredInTime++;
        if (status >= 200 && status < 300) {
          latencies.push(now - due);
          if (scheduled) target.onAnswer?.(due, now - due);
        } else failed++;
        const next = waiting[waitingHead];
        if (next !== undefined) {
          waiting[waitingHead++] = undefined;
          sendOn(c, next.index, next.due);
        } else free.push(c);
        if (outstanding === 0) onIdle?.();
      });
    });
  /** Requests due while every connection was busy, in order, from `waitingHead` on. */
  const waiting: ({ index: number; due: number } | undefined)[] = [];
  let waitingHead = 0;
  const sendOn = (c: Connection, index: number, due: number): void => {
    c.due = due;
    c.socket.write(requests[index % requests.length] as Buffer);
  };
  const connections = await Promise.all(Array.from({ length: target.connections }, open));
  const free: Connection[] = [...connections];
  const send = (index: number, due: number): void => {
    outstanding++;
    const c = free.pop();
    if (c === undefined) waiting.push({ index, due });
    else sendOn(c, index, due);
  };
  // One request on each connection first: TLS and the server's first reply are not measured.
  connections.forEach((_, i) => {
    send(i, performance.now());
  });
  await new Promise<void>((resolve) => {
    onIdle = resolve;
  });
  latencies.length = 0;
  scheduled = true;
  const interval = 1000 / rate;
  const start = performance.now();
  end = start + seconds * 1000;
  let sent = 0;
  await new Promise<void>((resolve) => {
    let scheduleDone = false;
    onIdle = () => {
      if (scheduleDone) resolve();
    };
    const tick = (): void => {
      const now = performance.now();
      for (let due = start + sent * interval; due <= now && due < end; due = start + sent * interval) {
        send(sent, due);
        sent++;
      }
      const next = start + sent * interval;
      const wait = next - performance.now();
      // Timers wake a millisecond late or more: the last stretch to a due time spins instead.
      if (next < end) {
        if (wait > 2) setTimeout(tick, wait - 1.5);
        else setImmediate(tick);
      } else {
        scheduleDone = true;
        setTimeout(resolve, 10000).unref();
        if (outstanding === 0) resolve();
      }
    };
    tick();
  });
  for (const c of connections) c.socket.destroy();
  latencies.sort((a, b) => a - b);
  return {
    achieved: answeredInTime / seconds,
    p50: percentileOf(latencies, 0.5),
    p99: percentileOf(latencies, 0.99),
    failed,
    unanswered: outstanding,
  };
}
