import { describe, expect, it } from "vitest";
import { OperandTypeError } from "./errors.js";
import { callBuiltin, testContext } from "./test-context.js";
import { timeBuiltins } from "./time.js";

const call = (name: string, ...args: Parameters<typeof callBuiltin>[2][]) =>
  callBuiltin(timeBuiltins, name, ...args);
const RFC3339 = "2006-01-02T15:04:05Z07:00";

describe("time parsing", () => {
  it("parses Go layouts (conformance)", () => {
    expect(call("time.parse_ns", RFC3339, "2017-06-02T19:00:00-07:00")).toBe(1496455200000000000n);
    expect(call("time.parse_ns", RFC3339, "1677-09-21T00:12:43.145224192-00:00")).toBe(-9223372036854775808n);
    expect(call("time.parse_ns", RFC3339, "2262-04-11T23:47:16.854775807-00:00")).toBe(9223372036854775807n);
    expect(call("time.parse_ns", "01/02 03:04:05PM '06 -0700", "06/02 07:00:00PM '17 -0700")).toBe(
      1496455200000000000n,
    );
    expect(call("time.parse_ns", "02 Jan 06 15:04 -0700", "02 Jun 17 19:00 -0700")).toBe(
      1496455200000000000n,
    );
    expect(call("time.parse_ns", "RFC822Z", "02 Jun 17 19:00 -0700")).toBe(1496455200000000000n);
    expect(call("time.parse_ns", "Mon Jan _2 2006", "Tue Feb  4 2020")).toBe(1580774400000000000n);
    expect(call("time.parse_ns", "2006-002", "2020-060")).toBe(1582934400000000000n);
    expect(call("time.parse_ns", "2006-01-02", "1970-01-01")).toBe(0);
  });

  it("checks the int64 range and reports Go's parse errors", () => {
    expect(() => call("time.parse_ns", RFC3339, "1677-09-21T00:12:43.145224191-00:00")).toThrow(
      "time outside of valid range",
    );
    expect(() => call("time.parse_rfc3339_ns", "2262-04-11T23:47:16.854775808-00:00")).toThrow(
      "time outside of valid range",
    );
    expect(() => call("time.parse_ns", "2006-01-02", "2020-02-30")).toThrow(
      'parsing time "2020-02-30": day out of range',
    );
    expect(() => call("time.parse_ns", RFC3339, "2017-06-02T19:00:00")).toThrow(
      'parsing time "2017-06-02T19:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"',
    );
    expect(() => call("time.parse_ns", "2006-01-02", "2020-02-02x")).toThrow(
      'parsing time "2020-02-02x": extra text: "x"',
    );
    expect(() => call("time.parse_ns", RFC3339, "2017-06-02T25:00:00Z")).toThrow("hour out of range");
  });

  it("parses RFC 3339 and durations", () => {
    expect(call("time.parse_rfc3339_ns", "1970-01-01T00:00:00-00:00")).toBe(0);
    expect(call("time.parse_rfc3339_ns", "2017-06-02T19:00:00-07:00")).toBe(1496455200000000000n);
    expect(call("time.parse_duration_ns", "100ms")).toBe(100000000);
    expect(call("time.parse_duration_ns", "1h30m")).toBe(5400000000000);
    expect(call("time.parse_duration_ns", "-1.5s")).toBe(-1500000000);
    expect(call("time.parse_duration_ns", "1.5µs")).toBe(1500);
    expect(call("time.parse_duration_ns", "9223372036854775807ns")).toBe(9223372036854775807n);
    expect(() => call("time.parse_duration_ns", "1")).toThrow('time: missing unit in duration "1"');
    expect(() => call("time.parse_duration_ns", "1x")).toThrow('time: unknown unit "x" in duration "1x"');
    expect(() => call("time.parse_duration_ns", "9223372036854775808ns")).toThrow("time: invalid duration");
  });

  it("refuses a long run of digits", () => {
    // A segment pattern that could read a digit in two places took minutes on these.
    const digits = "1".repeat(200_000);
    for (const text of [digits, `${digits}.${digits}`])
      expect(() => call("time.parse_duration_ns", text)).toThrow(/^time: invalid duration "1{20}/);
    expect(() => call("time.parse_duration_ns", `1d${digits}`)).toThrow(/^time: unknown unit "d"/);
  });
});

describe("time fields", () => {
  const ns = 1517814000n * 1000000000n;
  it("gives dates, clocks and weekdays in zones (conformance)", () => {
    expect(call("time.date", ns)).toEqual([2018, 2, 5]);
    expect(call("time.date", [ns, "America/Los_Angeles"])).toEqual([2018, 2, 4]);
    expect(call("time.date", [1517832000000000000n, ""])).toEqual([2018, 2, 5]);
    expect(call("time.date", 1582977600000000000n)).toEqual([2020, 2, 29]);
    expect(call("time.clock", 1517832000000000000n)).toEqual([12, 0, 0]);
    expect(call("time.clock", [1517832000000000000n, "America/New_York"])).toEqual([7, 0, 0]);
    expect(call("time.weekday", 1517832000000000000n)).toBe("Monday");
    expect(call("time.weekday", 1518350400000000000n)).toBe("Sunday");
  });

  it("rejects what OPA rejects", () => {
    expect(() => call("time.date", 1582977600000000000000n)).toThrow("timestamp too big");
    expect(() => call("time.clock", 1.5)).toThrow("timestamp too big");
    expect(() => call("time.date", "x")).toThrow(
      "operand 1 must be either number (ns) or [number (ns), string (tz)] but got string",
    );
    expect(() => call("time.date", [])).toThrow(OperandTypeError);
    expect(() => call("time.date", [0, 1])).toThrow("operand 1 must be string but got number");
    expect(() => call("time.date", [0, "Foo/Bar"])).toThrow("unknown time zone Foo/Bar");
  });

  it("adds dates with Go's normalisation (conformance)", () => {
    expect(call("time.add_date", 1585852421593912000n, 3, 9, 12)).toBe(1705257221593912000n);
    expect(call("time.add_date", 1585852421593912000n, -1, -1, -1)).toBe(1551465221593912000n);
    expect(() => call("time.add_date", 0, 2262, 1, 1)).toThrow("time outside of valid range");
    expect(() => call("time.add_date", -9223372036854775808n, 0, 0, -1)).toThrow(
      "time outside of valid range",
    );
    expect(() => call("time.add_date", 0, 1.5, 0, 0)).toThrow(
      "operand 2 must be integer number but got floating-point number",
    );
  });

  it("diffs (conformance)", () => {
    const p = (s: string) => call("time.parse_ns", "2006-01-02", s) ?? null;
    expect(call("time.diff", p("2020-02-02"), p("2020-03-01"))).toEqual([0, 0, 28, 0, 0, 0]);
    expect(call("time.diff", p("2021-02-02"), p("2021-03-01"))).toEqual([0, 0, 27, 0, 0, 0]);
    expect(call("time.diff", p("2004-02-29"), p("2005-03-01"))).toEqual([1, 0, 1, 0, 0, 0]);
    expect(call("time.diff", 1700000061000000000n, 1700000000000000000n)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(call("time.diff", [1700000060000000000n, "UTC"], [1700000000000000000n, "Asia/Shanghai"])).toEqual(
      [0, 0, 0, 0, 1, 0],
    );
  });

  it("formats (conformance)", () => {
    const t = 1670006453141828752n;
    expect(call("time.format", t)).toBe("2022-12-02T18:40:53.141828752Z");
    expect(call("time.format", [t, "Asia/Kolkata"])).toBe("2022-12-03T00:10:53.141828752+05:30");
    expect(call("time.format", [t, "Asia/Kolkata", "Mon Jan 02 15:04:05 -0700 2006"])).toBe(
      "Sat Dec 03 00:10:53 +0530 2022",
    );
    expect(call("time.format", [t, "Asia/Kolkata", "RFC1123Z"])).toBe("Sat, 03 Dec 2022 00:10:53 +0530");
    expect(call("time.format", [t, "America/New_York", "RFC1123"])).toBe("Fri, 02 Dec 2022 13:40:53 EST");
    expect(call("time.format", [t, "UTC", "3:04PM .000 __2 Z07"])).toBe("6:40PM .141 336 Z");
    expect(() => call("time.format", 1582977600 * 10e12)).toThrow("timestamp too big");
  });

  it("reads the query clock", () => {
    const ctx = testContext({ nowNs: 1700000000000000000n });
    const def = timeBuiltins.find((d) => d.decl.name === "time.now_ns");
    expect(def?.impl([], ctx)).toBe(1700000000000000000n);
  });
});
