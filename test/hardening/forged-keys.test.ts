/**
 * Drill: cursors and order ids forged to carry what the database cannot take. Cursors and ids
 * are not secret (a cursor's checksum only catches one cut short), so an attacker can decode
 * one, put a NUL byte or half a character into its key, and encode it again. On PostgreSQL that
 * was INTERNAL_SERVER_ERROR and an error log with a stack; now, on every engine, it is the
 * caller's own BAD_USER_INPUT (or, for an id, no such order), and nothing is logged as ours.
 */
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type EngineName, postgresUnavailable } from "../support/databases.js";
import { ADD_ORDER, LIST_ORDERS, type OrdersData, validOrder } from "../support/orders.js";
import { serverForSuite } from "../support/test-server.js";

const postgresSkipped = await postgresUnavailable();

/** A real cursor with its key edited, and its checksum made again, as an attacker would. */
function forgeCursor(cursor: string, edit: (body: Record<string, unknown>) => void): string {
  const [payload] = cursor.split(".");
  const body = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Record<string, unknown>;
  edit(body);
  const forged = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${forged}.${crc32(forged).toString(36)}`;
}

function forgeId(id: string, edit: (key: unknown[]) => void): string {
  const key = JSON.parse(Buffer.from(id, "base64url").toString("utf8")) as unknown[];
  edit(key);
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

const BAD_TEXT: Array<[string, string]> = [
  ["a NUL byte", "user-1\u0000"],
  ["a lone surrogate", "user-\uD800"],
  ["only a NUL byte", "\u0000"],
];

describe.each<EngineName>(["sqlite", "postgres"])("forged cursors and ids on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  const suite = serverForSuite(engine, { skip, seed: { count: 30, seed: 4, until: new Date("2024-06-30") } });

  const noErrorLogged = (from: number) => {
    const ours = suite.server.logs.slice(from).filter((line) => /"level":(50|60)/.test(line) || line.includes('"stack"'));
    expect(ours).toEqual([]);
  };

  it.skipIf(skip).each(BAD_TEXT)("a cursor whose key holds %s is the caller's BAD_USER_INPUT", async (_what, text) => {
    const logsBefore = suite.server.logs.length;
    const first = await suite.server.graphql<OrdersData>(LIST_ORDERS, { page: { first: 5 } });
    const endCursor = first.data!.orders.pageInfo.endCursor!;
    for (const field of ["i", "u", "d"]) {
      const forged = forgeCursor(endCursor, (body) => (body[field] = text));
      for (const page of [{ first: 5, after: forged }, { last: 5, before: forged }]) {
        const result = await suite.server.graphql(LIST_ORDERS, { page });
        expect(result.errors?.[0]?.extensions?.code, `${field} ${JSON.stringify(page)}`).toBe("BAD_USER_INPUT");
        expect(result.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: page.after ? "page.after" : "page.before", message: expect.stringMatching(/not a cursor this API made/) }]);
      }
    }
    noErrorLogged(logsBefore);
  });

  // SQLite's dates are text, and a legacy row's may be in any form, so its cursor carries it as it is: any text is a position there.
  it.skipIf(skip)(`a cursor with a date that is no date is ${engine === "sqlite" ? "a position in text order" : "refused the same way"}`, async () => {
    const logsBefore = suite.server.logs.length;
    const first = await suite.server.graphql<OrdersData>(LIST_ORDERS, { page: { first: 5 } });
    for (const date of ["2024-13-45 99:99:99", "yesterday", "2024-05-01'; DROP TABLE orders; --"]) {
      const forged = forgeCursor(first.data!.orders.pageInfo.endCursor!, (body) => (body.d = date));
      const result = await suite.server.graphql(LIST_ORDERS, { page: { first: 5, after: forged } });
      if (engine === "sqlite") expect(result.errors, date).toBeUndefined();
      else expect(result.errors?.[0]?.extensions?.code, date).toBe("BAD_USER_INPUT");
    }
    noErrorLogged(logsBefore);
  });

  it.skipIf(skip).each(BAD_TEXT)("an order id whose key holds %s finds no order, and is not our error", async (_what, text) => {
    const logsBefore = suite.server.logs.length;
    const added = await suite.server.graphql<{ addOrder: { id: string } }>(ADD_ORDER, { input: validOrder({ userId: "forger" }) });
    const id = added.data!.addOrder.id;
    for (const position of [1, 2]) {
      const forged = forgeId(id, (key) => (key[position] = text));
      const result = await suite.server.graphql("query One($id: ID!) { order(id: $id) { id } }", { id: forged });
      expect(result.errors?.[0]?.extensions?.code ?? "none", `position ${position}`).not.toBe("INTERNAL_SERVER_ERROR");
      expect(result.errors?.[0]?.extensions?.code ?? "BAD_USER_INPUT").toBe("BAD_USER_INPUT");
      expect(result.data?.order ?? null).toBeNull();
    }
    noErrorLogged(logsBefore);
  });
});
