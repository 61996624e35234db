import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { ReadTimeoutError } from "./read-timeout.js";

/**
 * Slow reads on SQLite, off the event loop. better-sqlite3 is synchronous: a COUNT(*) over a
 * million rows (about 50-300 ms) would stop every other request meanwhile. This runs such reads
 * on a worker thread with its own read-only connection (WAL lets it read beside the writer).
 */
export interface SqliteReader {
  /** The first column of the first row; a read still running after `timeoutMs` is stopped (its thread ended and another started). */
  scalar(sql: string, params: readonly unknown[], timeoutMs?: number): Promise<number>;
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

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve(value: number): void; reject(error: Error): void }>;
  /** Resolves when the thread has ended. */
  ended: Promise<void>;
}

/**
 * better-sqlite3 cannot interrupt a statement, and a worker stops only between JavaScript
 * steps: a read that overstays its time is answered at once with a ReadTimeoutError, its thread
 * is told to end, and it ends when that statement does. Meanwhile the next reads wait for it:
 * stopped reads never pile up, and the counts keep one thread's worth of the machine.
 */
export function startSqliteReader(file: string): SqliteReader {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  let nextId = 0;
  let closed = false;
  let thread: Thread | undefined;
  /** A thread told to end that has not ended yet. */
  let stopping: Promise<void> | undefined;

  const start = (): Thread => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    // The worker must not keep the process alive on its own (SIGTERM closes it anyway).
    worker.unref();
    let ended!: () => void;
    const current: Thread = { worker, pending: new Map(), ended: new Promise<void>((resolve) => (ended = resolve)) };
    worker.on("message", ({ id, value, error }: { id: number; value?: unknown; error?: string }) => {
      const request = current.pending.get(id);
      current.pending.delete(id);
      if (error !== undefined) request?.reject(new Error(error));
      else request?.resolve(Number(value ?? 0));
    });
    const failAll = (error: Error) => {
      for (const request of current.pending.values()) request.reject(error);
      current.pending.clear();
      if (thread === current) thread = undefined;
    };
    worker.on("error", failAll);
    worker.on("exit", () => {
      failAll(new Error("the SQLite reader thread has stopped"));
      ended();
    });
    return current;
  };

  /** Ends a thread whose read overstayed: its other reads fail with the same error. */
  const stop = (current: Thread, error: ReadTimeoutError) => {
    if (thread === current) thread = undefined;
    for (const request of current.pending.values()) request.reject(error);
    current.pending.clear();
    void current.worker.terminate();
    const ended = current.ended.then(() => {
      if (stopping === ended) stopping = undefined;
    });
    stopping = ended;
  };

  return {
    async scalar(sql, params, timeoutMs) {
      if (closed) throw new Error("the SQLite reader is closed");
      while (stopping) await stopping;
      const current = (thread ??= start());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const settle = <T>(then: (value: T) => void) => (value: T) => {
          clearTimeout(timer);
          then(value);
        };
        current.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
        if (timeoutMs !== undefined) timer = setTimeout(() => stop(current, new ReadTimeoutError(timeoutMs)), timeoutMs);
        current.worker.postMessage({ id, sql, params });
      });
    },
    async close() {
      closed = true;
      await thread?.worker.terminate();
    },
  };
}
