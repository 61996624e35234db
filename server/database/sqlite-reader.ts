import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Slow reads on SQLite, off the event loop. better-sqlite3 is synchronous: a COUNT(*) over a
 * million rows (about 50-300 ms) would stop every other request meanwhile. This runs such reads
 * on a worker thread with its own read-only connection (WAL lets it read beside the writer).
 */
export interface SqliteReader {
  /** The first column of the first row. */
  scalar(sql: string, params: readonly unknown[]): Promise<number>;
  close(): Promise<void>;
}

// Plain JavaScript, evaluated in the worker: it needs nothing but the driver.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
const statements = new Map();
parentPort.on("message", ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    const row = statement.raw(true).get(...params);
    parentPort.postMessage({ id, value: row ? row[0] : undefined });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
`;

export function startSqliteReader(file: string): SqliteReader {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
  // The worker must not keep the process alive on its own (SIGTERM closes it anyway).
  worker.unref();
  const pending = new Map<number, { resolve(value: number): void; reject(error: Error): void }>();
  let nextId = 0;
  let failure: Error | undefined;
  worker.on("message", ({ id, value, error }: { id: number; value?: unknown; error?: string }) => {
    const request = pending.get(id);
    pending.delete(id);
    if (error !== undefined) request?.reject(new Error(error));
    else request?.resolve(Number(value ?? 0));
  });
  const failAll = (error: Error) => {
    failure = error;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  worker.on("error", failAll);
  worker.on("exit", () => failAll(failure ?? new Error("the SQLite reader thread has stopped")));
  return {
    scalar(sql, params) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, sql, params });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
