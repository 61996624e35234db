/**
 * Which database errors are worth another try: the network, a server that is starting, failing
 * over or throttling. Anything else (a wrong password, a missing database, bad SQL) is
 * permanent, and retrying would only delay the message that names it.
 */

// Azure SQL's documented transient errors (and SQL Server's for "database is starting").
const TRANSIENT_SQL_SERVER_NUMBERS = new Set([
  233, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920,
]);
const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ETIMEOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "EPIPE",
  "ESOCKET",
  "ECONNCLOSED",
]);
// PostgreSQL: cannot connect now (57P03), admin shutdown (57P01), crash shutdown (57P02), too many connections (53300), connection failures (08xxx).
const TRANSIENT_POSTGRES_CODES = /^(08\d{3}|57P0[123]|53300)$/;

export function isTransientDatabaseError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== "object") return false;
    const { code, number, message } = current as { code?: unknown; number?: unknown; message?: unknown };
    if (typeof code === "string" && (TRANSIENT_NETWORK_CODES.has(code) || TRANSIENT_POSTGRES_CODES.test(code))) return true;
    if (typeof number === "number" && TRANSIENT_SQL_SERVER_NUMBERS.has(number)) return true;
    if (typeof message === "string" && /Connection terminated|timeout exceeded when trying to connect|Connection lost/i.test(message)) {
      return true;
    }
    const next = current as { cause?: unknown; driverError?: unknown; originalError?: unknown };
    current = next.driverError ?? next.originalError ?? next.cause;
  }
  return false;
}

export interface Backoff {
  firstDelayMs: number;
  maxDelayMs: number;
  attempts: number;
}

/** The wait before attempt n (1-based, after the first failure): doubling from the first delay, capped, with ±20% jitter. */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxDelayMs, backoff.firstDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Runs `action` until it succeeds, a permanent error occurs, or the attempts are spent.
 * Only for actions that are safe to repeat (connecting, reading): never a write whose
 * outcome is unknown.
 */
export async function retryTransient<T>(
  action: () => Promise<T>,
  backoff: Backoff,
  onRetry: (error: unknown, attempt: number, delayMs: number) => void,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= backoff.attempts || !isTransientDatabaseError(error)) throw error;
      const delay = backoffDelay(backoff, attempt);
      onRetry(error, attempt, delay);
      await sleep(delay);
    }
  }
}
