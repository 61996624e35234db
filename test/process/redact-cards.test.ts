/**
 * `npm run redact-cards` as its own process (the built dist), on the old app's table as the old
 * app left it, on SQLite and PostgreSQL: a dry run counts and changes nothing; --apply leaves no
 * value showing more than new orders keep, keeps every last four, and touches nothing else; a
 * second run changes nothing; a run stopped by a signal is carried on by the next; bad flags are
 * refused; and no card number ever reaches the output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardDigits, luhnCheckDigit } from "../../server/core/card-number.js";
import { scrubCardNumbers } from "../../server/logging/card-number-scrubber.js";
import { classifyCardValue } from "../../server/redact/card-values.js";
import { createTestDatabase, type EngineName, postgresUnavailable, type TestDatabase } from "../support/databases.js";
import { createLegacyTable, type LegacyRow } from "../support/legacy-table.js";
import { ROOT, runNode } from "../support/server-process.js";

const postgresSkipped = await postgresUnavailable();

/** A Luhn-valid number of `length` digits starting with `prefix`, the rest from `seed`. */
function cardNumber(prefix: string, length: number, seed: number): string {
  let body = prefix;
  for (let i = 0; body.length < length - 1; i += 1) body += String((seed * 7 + i * 3) % 10);
  return body + String(luhnCheckDigit(body));
}

/** What the old app's column may hold: full numbers as typed, masked values, junk, empties, NULLs. */
const CARD_VALUES: ReadonlyArray<string | null> = [
  ...[12, 13, 14, 15, 16, 17, 18, 19].map((length) => cardNumber("4", length, length)),
  "4111 1111 1111 1111",
  "4111-1111-1111-1111",
  "3782 822463 10005",
  " 5555555555554444 ",
  "4111111111111112", // fails the Luhn check: a full number at rest all the same
  "424242******4242",
  "***********0005",
  "4111 11** **** 1111",
  "42424242****4242", // masked, but shows eight digits at the front
  "378282*****0005", // 15 digits keep the last four alone
  "n/a",
  "CASH",
  "12345",
  "visa 4012888888881881", // a number among other text: left alone, flagged
  "",
  "   ",
  null,
  null,
  null,
];

function legacyRow(i: number, cardNumber: string | null): LegacyRow {
  const hex = i.toString(16).padStart(8, "0");
  return {
    dateUuid: `${hex}-0000-4000-8000-${hex}0000`,
    userId: `legacy-user-${i % 7}`,
    cardNumber,
    storeCode: `STORE-${i % 3}`,
    productCode: `P-${i}`,
    quantity: 1 + (i % 5),
    orderDate: `2023-03-0${1 + (i % 9)} 13:45:10.000000`,
    shippingDate: `2023-03-1${1 + (i % 9)} 09:00:00.000000`,
  };
}

type Snapshot = Map<string, Record<string, unknown>>;

async function snapshot(db: TestDatabase): Promise<Snapshot> {
  const rows = await db.query<Record<string, unknown>>(`SELECT * FROM orders ORDER BY date_uuid, "User ID"`);
  return new Map(rows.map((row) => [`${String(row.date_uuid)}/${String(row["User ID"])}`, row]));
}

async function redactCards(db: TestDatabase, args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runNode("dist/server/redact/main.js", args, { DATABASE_URL: db.url });
  const code = await run.exited;
  return { code, output: run.output() };
}

/** The output holds no full card number: neither one of the table's (separators or not) nor anything the scrubber takes for one. */
function expectNoCardNumber(output: string, values: ReadonlyArray<string | null>): void {
  const compact = output.replace(/[\s-]/g, "");
  for (const value of values) {
    const digits = value === null ? undefined : cardDigits(value);
    if (digits !== undefined && digits.length >= 12) expect(compact.includes(digits), "a card number in the output").toBe(false);
  }
  expect(scrubCardNumbers(output)).toBe(output);
}

describe.each<EngineName>(["sqlite", "postgres"])("npm run redact-cards on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  let db: TestDatabase;
  let before: Snapshot;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(engine);
    await createLegacyTable(db, CARD_VALUES.map((value, i) => legacyRow(i, value)));
  });

  afterAll(async () => {
    if (!skip) await db?.drop();
  });

  it.skipIf(skip)("a dry run counts what the column holds, and changes nothing", async () => {
    // Migrations add indexes at the first start; the rows are what matter.
    before = await snapshot(db);
    const run = await redactCards(db, []);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/A dry run: nothing was changed/);
    expect(run.output).toMatch(/Walked 27 rows in/);
    expect(run.output).toMatch(/Full card numbers: +13 {2}would be redacted/);
    expect(run.output).toMatch(/16 digits: +5\n/);
    expect(run.output).toMatch(/15 digits: +2\n/);
    expect(run.output).toMatch(/19 digits: +1\n/);
    expect(run.output).toMatch(/failing the Luhn check: +1 /);
    expect(run.output).toMatch(/Masked, showing too much: +2 {2}would be masked again/);
    expect(run.output).toMatch(/Already masked: +3 /);
    expect(run.output).toMatch(/Not a card number: +4 {2}left alone \(1 holding 12 digits or more/);
    expect(run.output).toMatch(/Empty: +2 /);
    expect(run.output).toMatch(/NULL: +3 /);
    expect(run.output).toMatch(/To redact them: npm run redact-cards -- --apply/);
    expectNoCardNumber(run.output, CARD_VALUES);
    expect(await snapshot(db)).toEqual(before);
  });

  it.skipIf(skip)("--apply leaves nothing showing more than new orders keep, keeps every last four, and touches nothing else", async () => {
    const run = await redactCards(db, ["--apply", "--batch-size", "4"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Redacted 15 values\./);
    expectNoCardNumber(run.output, CARD_VALUES);
    const after = await snapshot(db);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [key, row] of after) {
      const was = before.get(key)!;
      const value = row["Card Number"] as string | null;
      const kind = classifyCardValue(was["Card Number"] as string | null).kind;
      // Only the card column changes, and only where it showed too much.
      expect({ ...row, "Card Number": was["Card Number"] }).toEqual(was);
      if (kind === "full" || kind === "over-exposed") {
        expect(classifyCardValue(value).kind, key).toBe("masked");
        expect(value!.slice(-4)).toBe((was["Card Number"] as string).replace(/[\s-]/g, "").slice(-4));
      } else expect(value).toBe(was["Card Number"]);
    }
    const cards = [...after.values()].map((row) => row["Card Number"]);
    expect(cards).toContain("424242******4242");
    expect(cards).toContain("***********0005");
    expect(cards).toContain("********" + CARD_VALUES[0]!.slice(-4));
    expect(cards.filter((card) => card === "424242******4242")).toHaveLength(2);
  });

  it.skipIf(skip)("a second run changes nothing", async () => {
    const redacted = await snapshot(db);
    const run = await redactCards(db, ["--apply"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Full card numbers: +0 /);
    expect(run.output).toMatch(/Already masked: +18 /);
    expect(run.output).toMatch(/Redacted 0 values\./);
    expect(await snapshot(db)).toEqual(redacted);
  });

  it.skipIf(skip || engine !== "sqlite")("after VACUUM the file holds none of the old values, as the README says", async () => {
    await db.query("VACUUM");
    await db.query("PRAGMA wal_checkpoint(TRUNCATE)");
    const file = readFileSync(db.url.slice("sqlite:".length)).toString("latin1");
    for (const value of CARD_VALUES) {
      const digits = value === null ? undefined : cardDigits(value);
      if (digits !== undefined && digits.length >= 12) expect(file.includes(digits)).toBe(false);
    }
    expect(file.includes("424242******4242")).toBe(true);
  });

  it.skipIf(skip)("refuses bad flags with the usage, before touching the database", async () => {
    const bad = await redactCards(db, ["--apply", "--batch-size", "0", "--force"]);
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/redact-cards: unknown argument "--force"/);
    expect(bad.output).toMatch(/redact-cards: --batch-size must be a whole number from 1 to 10,000 \(got "0"\)/);
    expect(bad.output).toMatch(/Usage: npm run redact-cards -- \[--apply\]/);
    const help = await redactCards(db, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/cannot be undone, so take a backup first/);
  });
});

describe.each<EngineName>(["sqlite", "postgres"])("a stopped run on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  // SIGINT is Ctrl-C at a terminal; SIGTERM what Kubernetes or a job runner sends.
  const signal: NodeJS.Signals = engine === "sqlite" ? "SIGINT" : "SIGTERM";
  const ROWS = 300;
  const cards = Array.from({ length: ROWS }, (_, i) => cardNumber("5", 16, i));
  let db: TestDatabase;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(engine);
    await createLegacyTable(db, cards.map((card, i) => legacyRow(i, card)));
  });

  afterAll(async () => {
    if (!skip) await db?.drop();
  });

  const redactedRows = async () => Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM orders WHERE "Card Number" LIKE '%*%'`))[0]!.n);

  it.skipIf(skip)(`stops after the batch in progress on ${signal}, and the next run carries on`, async () => {
    // 75 batches with a pause between them: about two seconds, time enough to stop it midway.
    const run = runNode("dist/server/redact/main.js", ["--apply", "--batch-size", "4", "--pause-ms", "30"], { DATABASE_URL: db.url });
    while ((await redactedRows()) === 0) {
      const code = await Promise.race([run.exited, new Promise((resolve) => setTimeout(() => resolve("running"), 10))]);
      if (code !== "running") throw new Error(`the run ended before it was stopped:\n${run.output()}`);
    }
    run.child.kill(signal);
    expect(await run.exited, run.output()).toBe(signal === "SIGINT" ? 130 : 143);
    const stoppedAt = Number(/Stopped by \w+ after (\d+) rows of about 300 \(\d+%\) in key order/.exec(run.output())?.[1]);
    const redacted = Number(/Redacted (\d+) values/.exec(run.output())?.[1]);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(ROWS);
    // Whole batches only: what it says it did is what the table holds.
    expect(redacted).toBe(stoppedAt);
    expect(await redactedRows()).toBe(redacted);
    expectNoCardNumber(run.output(), cards);

    const next = await redactCards(db, ["--apply"]);
    expect(next.code, next.output).toBe(0);
    expect(next.output).toMatch(new RegExp(`Already masked: +${redacted} `));
    expect(next.output).toMatch(new RegExp(`Redacted ${ROWS - redacted} values\\.`));
    expect(await redactedRows()).toBe(ROWS);
    const rows = await db.query<{ dateUuid: string; card: string }>(`SELECT date_uuid AS "dateUuid", "Card Number" AS card FROM orders ORDER BY date_uuid`);
    expect(rows.map((row) => row.card)).toEqual(cards.map((card) => `${card.slice(0, 6)}******${card.slice(-4)}`));
  });
});

it("is `npm run redact-cards`, started by way of server/start.mjs like `npm run seed`", () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  expect(scripts["redact-cards"]).toBe("node server/start.mjs server/redact/main.js");
  expect(scripts["redact-cards"]!.replace("redact/", "seed/")).toBe(scripts.seed);
});
