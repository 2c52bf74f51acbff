/** A duration as Go's `time.Duration.String()` prints it: `0s`, `850ns`, `123.456µs`, `1.5ms`, `2.25s`, `1m3s`. */
export function formatGoDuration(nanoseconds: number): string {
  const ns = Math.round(nanoseconds);
  if (ns === 0) return "0s";
  const sign = ns < 0 ? "-" : "";
  const abs = Math.abs(ns);
  if (abs < 1_000) return `${sign}${abs}ns`;
  if (abs < 1_000_000) return `${sign}${fraction(abs, 1_000)}µs`;
  if (abs < 1_000_000_000) return `${sign}${fraction(abs, 1_000_000)}ms`;
  const hours = Math.floor(abs / 3_600_000_000_000);
  const minutes = Math.floor((abs % 3_600_000_000_000) / 60_000_000_000);
  const seconds = fraction(abs % 60_000_000_000, 1_000_000_000);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** `value / unit` with the fraction's trailing zeros dropped, as Go does. */
function fraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value % unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, "0").replace(/0+$/, "")}`;
}
