/**
 * A read with a time limit of its own (a count), shorter than DB_QUERY_TIMEOUT_MS: each kind
 * of database stops it its own way (see database.ts), and all of them report it as this error.
 */
export class ReadTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the read took longer than ${timeoutMs} ms and was stopped`);
    this.name = "ReadTimeoutError";
  }
}

/** PostgreSQL's "canceling statement due to statement timeout" (query_canceled). */
export function isPostgresStatementTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "57014";
}

/**
 * Rejects with a ReadTimeoutError when `read` has not settled within `timeoutMs`. The read
 * itself goes on until the driver's own limit: only for drivers that cannot stop one statement.
 */
export function raceTimeout<T>(read: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadTimeoutError(timeoutMs)), timeoutMs);
  });
  return Promise.race([read, timeout]).finally(() => clearTimeout(timer));
}
