/**
 * Deadline checks that read the clock on one check in {@link CLOCK_STRIDE}. A clock read costs
 * about 80 ns on the project machines, and on the webhook bench's Pods the CEL templates checked
 * their deadline about 100 times per review, mostly at the first iteration of each comprehension.
 *
 * A check compares the deadline with the time last read, which can only be earlier than the
 * time now: a deadline before it has passed for certain. The clock is read again every
 * {@link CLOCK_STRIDE}th check, and by {@link readClock}, which the driver calls as each template's
 * review starts. A review that starts after its deadline then fails at its first check, as it
 * would with a read on every check; one whose deadline passes while it runs stops at most
 * {@link CLOCK_STRIDE} checks later.
 */

/** Checks between two reads of the clock. */
export const CLOCK_STRIDE = 16;

let lastRead = Date.now();
let checks = 0;

/** Reads the clock now, so that the next check compares the deadline with the current time. */
export function readClock(): void {
  lastRead = Date.now();
  checks = 0;
}

/** Whether `deadline` (milliseconds since the epoch) has passed. */
export function deadlinePassed(deadline: number): boolean {
  if (lastRead > deadline) return true;
  if (deadline === Number.POSITIVE_INFINITY || ++checks < CLOCK_STRIDE) return false;
  readClock();
  return lastRead > deadline;
}
