import { parseGoDuration } from "@portcullis/rego";

/** A flag's value that a command cannot use: the command prints it and exits 1 before working. */
export class UsageError extends Error {
  readonly code = "usage_error";

  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A flag's Go duration (`3m`, `90s`, `1ms`, `0`) in nanoseconds; negative durations are refused. */
export function goDurationFlag(value: string, flag: string): bigint {
  let ns: bigint;
  try {
    ns = parseGoDuration(value);
  } catch (e: unknown) {
    throw new UsageError(`${flag}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (ns < 0n) throw new UsageError(`${flag} must not be negative, got "${value}"`);
  return ns;
}
