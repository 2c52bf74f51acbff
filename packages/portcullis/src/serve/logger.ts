import { type DestinationStream, type Logger, pino } from "pino";

/**
 * The process logger: JSON lines on stderr (or `destination`) with ISO timestamps and string
 * levels, as Gatekeeper's zap logger writes them.
 */
export function createLogger(level = "info", destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
