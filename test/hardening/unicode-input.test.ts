/**
 * Drill: text that breaks readers. A lone surrogate (half of a character) was stored as invalid
 * UTF-8 on SQLite, after which Python's sqlite3 (what the old app used) could not read the table;
 * on PostgreSQL it became U+FFFD, so two different inputs were stored as the same key. Direction
 * overrides and zero-width characters made one code look like another. Now every text input and
 * filter refuses them with BAD_USER_INPUT naming the field, and nothing is stored, on SQLite and
 * PostgreSQL; well-formed text from any script (emoji included) is still stored exactly.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { type EngineName, postgresUnavailable } from "../support/databases.js";
import { ADD_ORDER, LIST_ORDERS, type OrderNode, rowCount, validOrder } from "../support/orders.js";
import { serverForSuite } from "../support/test-server.js";

const postgresSkipped = await postgresUnavailable();

const UNFIT: Array<[string, string]> = [
  ["a lone high surrogate", "ab\uD800cd"],
  ["a lone low surrogate", "ab\uDC00cd"],
  ["a high surrogate at the end", "abcd\uD83D"],
  ["a right-to-left override", "ab\u202Ecd"],
  ["a left-to-right embedding", "\u202Aabcd"],
  ["a first-strong isolate", "ab\u2068cd"],
  ["a pop directional isolate", "abcd\u2069"],
  ["a zero-width space", "ab\u200Bcd"],
  ["a zero-width joiner", "ab\u200Dcd"],
  ["a right-to-left mark", "ab\u200Fcd"],
  ["a byte-order mark", "\uFEFFabcd"],
  ["a NUL", "ab\u0000cd"],
];

/** Every row of the table, read by Python's sqlite3 as the old app and many tools read it. */
function readWithPython(file: string): number {
  const script = "import sqlite3, sys\nrows = sqlite3.connect(sys.argv[1]).execute('SELECT * FROM orders').fetchall()\nprint(len(rows))";
  return Number(execFileSync("python3", ["-c", script, file], { encoding: "utf8" }).trim());
}

describe.each<EngineName>(["sqlite", "postgres"])("text that is not well-formed, or hides itself, on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  const suite = serverForSuite(engine, { skip });

  describe.skipIf(skip)("is refused", () => {
    it.each(["userId", "storeCode", "productCode", "cardNumber", "dateUuid"])("in addOrder's %s, with the field named, and nothing stored", async (field) => {
      const before = await rowCount(suite.db);
      for (const [what, text] of UNFIT) {
        const value = field === "cardNumber" ? `4242 4242${text}4242 4242` : field === "dateUuid" ? `0f8fad5b-d9cb-469f-a165-70867728950e${text}` : `X-${text}`;
        const result = await suite.server.graphql(ADD_ORDER, { input: validOrder({ [field]: value }) });
        expect(result.errors?.[0]?.extensions?.code, `${field} with ${what}`).toBe("BAD_USER_INPUT");
        expect(result.errors?.[0]?.extensions?.fieldErrors?.map((error) => error.field), `${field} with ${what}`).toContain(field);
      }
      expect(await rowCount(suite.db)).toBe(before);
    });

    it.each(["userId", "storeCode", "search"])("in the list's filter.%s, with the field named", async (field) => {
      for (const [what, text] of UNFIT) {
        const result = await suite.server.graphql(LIST_ORDERS, { filter: { [field]: `abc${text}` } });
        expect(result.errors?.[0]?.extensions?.code, `${field} with ${what}`).toBe("BAD_USER_INPUT");
        expect(result.errors?.[0]?.extensions?.fieldErrors?.map((error) => error.field), `${field} with ${what}`).toEqual([`filter.${field}`]);
      }
    });

    it("in the export's filters, before anything is sent", async () => {
      // A URL is UTF-8: a lone surrogate cannot be written in one (URLSearchParams sends U+FFFD, a real character).
      for (const [what, text] of UNFIT.filter(([what]) => !what.includes("surrogate"))) {
        const response = await fetch(`${suite.server.url}/export/orders.csv?${new URLSearchParams({ storeCode: `abc${text}` })}`);
        expect(response.status, what).toBe(400);
        expect(await response.text(), what).toMatch(/Store code/);
      }
      // A surrogate's bytes written out by hand (CESU-8) are not UTF-8: they are read as U+FFFD, and match nothing.
      const response = await fetch(`${suite.server.url}/export/orders.csv?storeCode=abc%ED%A0%80`);
      expect(response.status).toBeLessThan(500);
      await response.text();
    });
  });

  describe.skipIf(skip)("well-formed text", () => {
    it("from any script, emoji included, is stored and read back exactly, and two inputs stay two orders", async () => {
      const codes = ["Émile-Zoë", "店舗-東京-1", "😀-store", "محل-٣", "Ünïcødé"];
      for (const [i, storeCode] of codes.entries()) {
        const result = await suite.server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, { input: validOrder({ userId: `unicode-${i}`, storeCode, productCode: `${storeCode}-p` }) });
        expect(result.errors).toBeUndefined();
        expect(result.data!.addOrder.storeCode).toBe(storeCode);
      }
      const listed = await suite.server.graphql<{ orders: { edges: Array<{ node: OrderNode }> } }>(LIST_ORDERS, { filter: { storeCode: "😀-store" } });
      expect(listed.data!.orders.edges.map(({ node }) => node.storeCode)).toEqual(["😀-store"]);
      // Two user ids that differ only where a lone surrogate would have been replaced: both refused, neither stored as U+FFFD.
      const first = await suite.server.graphql(ADD_ORDER, { input: validOrder({ userId: "twin\uD800", dateUuid: "6f1c1b8e-3f0e-4a51-9d0e-2b1f3a2c4d5e" }) });
      const second = await suite.server.graphql(ADD_ORDER, { input: validOrder({ userId: "twin\uDBFF", dateUuid: "6f1c1b8e-3f0e-4a51-9d0e-2b1f3a2c4d5e" }) });
      expect([first.errors?.[0]?.extensions?.code, second.errors?.[0]?.extensions?.code]).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT"]);
      const stored = await suite.db.query<{ user: string }>(`SELECT "User ID" AS ${engine === "postgres" ? '"user"' : "user"} FROM orders WHERE "User ID" LIKE 'twin%'`);
      expect(stored).toEqual([]);
    });

    it.runIf(engine === "sqlite")("leaves a table that Python's sqlite3 reads to the end", async () => {
      const file = suite.db.url.replace(/^sqlite:/, "");
      expect(readWithPython(file)).toBe(await rowCount(suite.db));
    });
  });
});
