/**
 * The redaction itself: a walk along the primary key in batches, each batch read, classified,
 * and (with `apply`) its redactable values written back in one short transaction, so the
 * service keeps serving meanwhile. No state is kept between runs: a run reads the whole
 * table again and writes only what still shows too much, so a stopped run is carried on by
 * running it again, and a finished one makes the next change nothing.
 */
import { setImmediate as turn, setTimeout as sleep } from "node:timers/promises";
import type { Database } from "../database/database.js";
import { ReadTimeoutError } from "../database/read-timeout.js";
import { OrderStore } from "../orders/order-store.js";
import { type CardTally, countValue, emptyTally } from "./card-tally.js";
import { classifyCardValue, needsRedaction } from "./card-values.js";
import { type CardRow, RedactQueries, type Redaction, type RowKey } from "./redact-queries.js";

export interface WalkOptions {
  /** Write the redacted values; without it the walk only counts. */
  apply: boolean;
  /** Rows read, and at most written, per batch (one transaction). */
  batchSize: number;
  /** A pause between batches, to go easier on a busy database (0: none). */
  pauseMs: number;
  /** Once aborted, the walk ends after the batch in progress (a pause ends at once). */
  stop: AbortSignal;
  /** Called after each batch with the figures so far. */
  onBatch?: (progress: WalkProgress) => void;
  /** For tests: runs between a batch's read and its writes, where another writer's change may land. */
  beforeWrite?: (keys: readonly RowKey[]) => Promise<void>;
}

export interface WalkProgress {
  rowsWalked: number;
  /** What the rows walked hold. */
  tally: CardTally;
  /** Values rewritten (always 0 in a dry run). */
  redacted: number;
  /** Values that changed between the read and the write: left for the next run. */
  changedMeanwhile: number;
}

export interface WalkOutcome extends WalkProgress {
  /** False when the walk was stopped before the table's last row. */
  finished: boolean;
}

/** Walks the whole orders table once. */
export async function walkCardNumbers(database: Database, options: WalkOptions): Promise<WalkOutcome> {
  const queries = new RedactQueries(database.dialect);
  const progress: WalkProgress = { rowsWalked: 0, tally: emptyTally(), redacted: 0, changedMeanwhile: 0 };
  let after: RowKey | undefined;
  for (;;) {
    if (options.stop.aborted) return { ...progress, finished: false };
    const rows = await readBatch(database, queries, after, options.batchSize);
    const redactions = classifyBatch(rows, progress.tally);
    if (options.apply && redactions.length > 0) {
      await options.beforeWrite?.(redactions.map((redaction) => redaction.key));
      const written = await writeBatch(database, queries, redactions);
      progress.redacted += written;
      progress.changedMeanwhile += redactions.length - written;
    }
    progress.rowsWalked += rows.length;
    options.onBatch?.(progress);
    if (rows.length < options.batchSize) return { ...progress, finished: true };
    after = { dateUuid: rows.at(-1)!.dateUuid, userId: rows.at(-1)!.userId };
    // better-sqlite3 answers synchronously: without a turn of the event loop, a signal would be heard only at the end.
    if (options.pauseMs > 0) await pause(options.pauseMs, options.stop);
    else await turn();
  }
}

async function readBatch(database: Database, queries: RedactQueries, after: RowKey | undefined, limit: number): Promise<CardRow[]> {
  return database.read<CardRow>(queries.batch(after, limit));
}

/** Counts every row of the batch into the tally, and gives back the values to rewrite. */
function classifyBatch(rows: readonly CardRow[], tally: CardTally): Redaction[] {
  const redactions: Redaction[] = [];
  for (const row of rows) {
    const value = classifyCardValue(row.cardNumber);
    countValue(tally, value);
    if (needsRedaction(value)) redactions.push({ key: { dateUuid: row.dateUuid, userId: row.userId }, read: row.cardNumber!, redacted: value.redacted });
  }
  return redactions;
}

/**
 * Writes a batch's redactions in one transaction, each only if its row still holds what was
 * read; gives back how many were written. On any error nothing of the batch is stored.
 */
async function writeBatch(database: Database, queries: RedactQueries, redactions: readonly Redaction[]): Promise<number> {
  const runner = database.dataSource.createQueryRunner();
  let written = 0;
  try {
    await runner.startTransaction();
    try {
      for (const { sql, params } of queries.compareAndSet(redactions)) written += (await runner.query(sql, params, true)).affected ?? 0;
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
  return written;
}

/** Waits `ms`, or less if the walk is stopped meanwhile. */
async function pause(ms: number, stop: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal: stop }).catch(() => undefined);
}

/** Rows in the table now, for the progress figures; undefined when counting takes too long. */
export async function countRows(database: Database, timeoutMs: number): Promise<number | undefined> {
  try {
    return await new OrderStore(database).count({}, timeoutMs);
  } catch (error) {
    if (error instanceof ReadTimeoutError) return undefined;
    throw error;
  }
}
