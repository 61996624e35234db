/**
 * The redaction walk in-process, on SQLite and PostgreSQL, where a test can step in between a
 * batch's read and its write: a value someone else changes meanwhile is never overwritten from
 * the old reading (it is counted, and the next run takes it up if it still needs redacting); a
 * stop ends the walk after the batch in progress; rows added ahead of the walk are found.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { luhnCheckDigit } from "../../server/core/card-number.js";
import { parseDatabaseUrl } from "../../server/config/database-url.js";
import { type Database, openDatabase } from "../../server/database/database.js";
import { walkCardNumbers, type WalkOptions } from "../../server/redact/redact-walk.js";
import { createTestDatabase, type EngineName, postgresUnavailable, type TestDatabase } from "../support/databases.js";
import { createLegacyTable, type LegacyRow } from "../support/legacy-table.js";
import { captureLogs } from "../support/log-capture.js";

const postgresSkipped = await postgresUnavailable();
const ROWS = 40;

function card(i: number): string {
  const body = `4000${String(i).padStart(11, "0")}`;
  return body + String(luhnCheckDigit(body));
}

function legacyRow(i: number): LegacyRow {
  return {
    dateUuid: `k-${String(i).padStart(4, "0")}`,
    userId: "legacy-user",
    cardNumber: card(i),
    storeCode: "STORE-1",
    productCode: "P-1",
    quantity: 1,
    orderDate: "2023-03-01 13:45:10.000000",
    shippingDate: "2023-03-02 09:00:00.000000",
  };
}

describe.each<EngineName>(["sqlite", "postgres"])("the redaction walk on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  let db: TestDatabase;
  let database: Database;
  const p = (n: number) => db.placeholder(n);

  const walk = (options: Partial<WalkOptions> = {}) =>
    walkCardNumbers(database, { apply: true, batchSize: 10, pauseMs: 0, stop: new AbortController().signal, ...options });
  const cardOf = async (dateUuid: string) =>
    (await db.query<{ card: string | null }>(`SELECT "Card Number" AS card FROM orders WHERE date_uuid = ${p(1)}`, [dateUuid]))[0]?.card;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(engine);
    await createLegacyTable(db, Array.from({ length: ROWS }, (_, i) => legacyRow(i)));
    const settings = parseDatabaseUrl(db.url);
    if (!settings.ok) throw new Error(settings.problem);
    database = await openDatabase(settings.value, { retry: { firstDelayMs: 10, maxDelayMs: 10, attempts: 1 }, queryTimeoutMs: 30_000, logger: captureLogs().logger });
  });

  afterAll(async () => {
    if (skip) return;
    await database?.close();
    await db?.drop();
  });

  it.skipIf(skip)("stops after the batch in progress, with that batch stored whole", async () => {
    const stop = new AbortController();
    const outcome = await walk({ stop: stop.signal, onBatch: () => stop.abort() });
    expect(outcome).toMatchObject({ finished: false, rowsWalked: 10, redacted: 10, changedMeanwhile: 0 });
    expect(await cardOf("k-0009")).toBe(`400000******${card(9).slice(-4)}`);
    expect(await cardOf("k-0010")).toBe(card(10));
  });

  it.skipIf(skip)("never overwrites a value changed between its read and its write, and leaves it for the next run", async () => {
    let stepped = false;
    const outcome = await walk({
      // The second batch (k-0010 to k-0019) is read; then someone else writes three of its rows.
      beforeWrite: async (keys) => {
        if (stepped) return;
        stepped = true;
        expect(keys.map((key) => key.dateUuid).slice(0, 3)).toEqual(["k-0010", "k-0011", "k-0012"]);
        await db.query(`UPDATE orders SET "Card Number" = ${p(1)} WHERE date_uuid = ${p(2)}`, ["5555 5555 5555 4444", "k-0010"]);
        await db.query(`UPDATE orders SET "Card Number" = ${p(1)} WHERE date_uuid = ${p(2)}`, ["CASH", "k-0011"]);
        await db.query(`DELETE FROM orders WHERE date_uuid = ${p(1)}`, ["k-0012"]);
      },
    });
    expect(outcome).toMatchObject({ finished: true, rowsWalked: ROWS, redacted: ROWS - 10 - 3, changedMeanwhile: 3 });
    // What the other writer wrote stands, the full number in it included.
    expect(await cardOf("k-0010")).toBe("5555 5555 5555 4444");
    expect(await cardOf("k-0011")).toBe("CASH");
    expect(await cardOf("k-0012")).toBeUndefined();
    expect(await cardOf("k-0013")).toBe(`400000******${card(13).slice(-4)}`);

    const next = await walk();
    expect(next).toMatchObject({ finished: true, rowsWalked: ROWS - 1, redacted: 1, changedMeanwhile: 0 });
    expect(next.tally.notACard).toBe(1);
    expect(await cardOf("k-0010")).toBe("555555******4444");
    expect(await walk()).toMatchObject({ redacted: 0, changedMeanwhile: 0 });
  });

  it.skipIf(skip)("counts without writing in a dry run, and finds rows added ahead of it", async () => {
    const add = (dateUuid: string, value: string) =>
      db.query(`INSERT INTO orders (date_uuid, "User ID", "Card Number") VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [dateUuid, "legacy-user", value]);
    await add("k-9999", "4111 1111 1111 1111");
    const dryRun = await walk({ apply: false });
    expect(dryRun).toMatchObject({ finished: true, rowsWalked: ROWS, redacted: 0 });
    expect(dryRun.tally.fullByLength[16]).toBe(1);
    expect(await cardOf("k-9999")).toBe("4111 1111 1111 1111");

    let added = false;
    const applied = await walk({
      // While the batch holding k-9999 is written, a row is added further along the key.
      beforeWrite: async () => {
        if (added) return;
        added = true;
        await add("l-0000", "3782 822463 10005");
      },
    });
    expect(applied).toMatchObject({ finished: true, rowsWalked: ROWS + 1, redacted: 2, changedMeanwhile: 0 });
    expect(await cardOf("k-9999")).toBe("411111******1111");
    expect(await cardOf("l-0000")).toBe("***********0005");
  });
});
