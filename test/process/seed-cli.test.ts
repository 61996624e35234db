/** `npm run seed`: adds exactly N orders, the same ones for the same seed, and refuses bad flags. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { runNode } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "orders-seed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function seed(file: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runNode("dist/server/seed/main.js", args, { DATABASE_URL: `sqlite:${join(dir, file)}` });
  const code = await run.exited;
  return { code, output: run.output() };
}

function rows(file: string): string[] {
  const db = new Sqlite(join(dir, file), { readonly: true });
  try {
    return (db.prepare(`SELECT * FROM orders ORDER BY date_uuid`).all() as Array<Record<string, unknown>>).map((row) => JSON.stringify(row));
  } finally {
    db.close();
  }
}

describe("the seed command", () => {
  it("adds N orders, the same ones for the same seed and day", async () => {
    const first = await seed("a.sqlite", ["--count", "1200", "--seed", "9", "--until", "2024-06-30"]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/Added 1,200 orders in/);
    expect(await seed("b.sqlite", ["--count=1200", "--seed=9", "--until=2024-06-30"])).toMatchObject({ code: 0 });
    const a = rows("a.sqlite");
    expect(a).toHaveLength(1_200);
    expect(rows("b.sqlite")).toEqual(a);
    // Realistic and safe: Luhn-valid numbers stored truncated, dates within three years, shipping after ordering.
    for (const row of a.slice(0, 50).map((text) => JSON.parse(text) as Record<string, string>)) {
      expect(row["Card Number"]).toMatch(/^(\d{6}\*{6,9}|\*{8,11})\d{4}$/);
      expect(row["Order Date"]! <= "2024-06-30 00:00:00.000000" && row["Order Date"]! >= "2021-07-01").toBe(true);
      expect(row["Shipping Date"]! >= row["Order Date"]!).toBe(true);
    }
  });

  it("adds to what is there, and refuses to add the same seed twice", async () => {
    expect((await seed("c.sqlite", ["--count", "100", "--seed", "1"])).code).toBe(0);
    expect((await seed("c.sqlite", ["--count", "100", "--seed", "2"])).code).toBe(0);
    const again = await seed("c.sqlite", ["--count", "100", "--seed", "1"]);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/already in this database.*Use another --seed/);
    expect(rows("c.sqlite")).toHaveLength(200);
  });

  it("works through `npm run seed --`, which starts it by way of server/start.mjs", async () => {
    const run = runNode("server/start.mjs", ["server/seed/main.js", "--count", "25", "--seed", "4"], { DATABASE_URL: `sqlite:${join(dir, "e.sqlite")}` });
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toMatch(/Added 25 orders/);
    expect(rows("e.sqlite")).toHaveLength(25);
  });

  it("refuses bad flags with the usage, and writes nothing", async () => {
    const bad = await seed("d.sqlite", ["--count", "lots", "--speed", "11"]);
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/unknown argument "--speed"/);
    expect(bad.output).toMatch(/--count must be a whole number/);
    expect(bad.output).toMatch(/Usage: npm run seed -- --count N/);
  });
});
