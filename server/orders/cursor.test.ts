import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, listFingerprint } from "./cursor.js";

const key = { orderDate: "2024-05-31 00:00:00.000000", dateUuid: "0f8fad5b-d9cb-469f-a165-70867728950e", userId: "user-1" };
const list = listFingerprint("ORDER_DATE_DESC", {});

describe("cursors", () => {
  it("round-trip a key, undated rows included", () => {
    expect(decodeCursor(encodeCursor(key, list), list)).toEqual({ ok: true, key });
    const undated = { ...key, orderDate: null };
    expect(decodeCursor(encodeCursor(undated, list), list)).toEqual({ ok: true, key: undated });
  });

  it("refuse a cursor that was cut, edited or made up", () => {
    const cursor = encodeCursor(key, list);
    for (const bad of [cursor.slice(0, -1), cursor.replace(/^./, "x"), `${cursor}.x`, "", "abc", "a".repeat(2_000)]) {
      expect(decodeCursor(bad, list).ok, bad).toBe(false);
    }
  });

  it("refuse a cursor from another sort or filter", () => {
    const cursor = encodeCursor(key, list);
    const other = listFingerprint("ORDER_DATE_ASC", {});
    const filtered = listFingerprint("ORDER_DATE_DESC", { userId: "user-1" });
    expect(decodeCursor(cursor, other)).toMatchObject({ ok: false, problem: expect.stringMatching(/another sort or filter/) });
    expect(decodeCursor(cursor, filtered).ok).toBe(false);
  });

  it("name lists by their content, not by object identity", () => {
    const from = new Date("2024-01-01T00:00:00Z");
    expect(listFingerprint("ORDER_DATE_DESC", { orderDateFrom: from })).toBe(listFingerprint("ORDER_DATE_DESC", { orderDateFrom: new Date(from) }));
    expect(listFingerprint("ORDER_DATE_DESC", { userId: "a" })).not.toBe(listFingerprint("ORDER_DATE_DESC", { storeCode: "a" }));
  });
});
