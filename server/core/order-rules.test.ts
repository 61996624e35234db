import { describe, expect, it } from "vitest";
import { checkOrderField, ORDER_FIELDS, parseOrderDate, validateOrder, type OrderDraft } from "./order-rules.js";

const NOW = new Date("2024-06-15T12:00:00Z");
const valid: OrderDraft = {
  userId: " user-1 ",
  cardNumber: "4242 4242-4242 4242",
  storeCode: "WEB-1388012W",
  productCode: "R7-3126933h",
  productQuantity: "3",
  orderDate: "2024-06-01",
  shippingDate: "2024-06-03",
};

describe("validateOrder", () => {
  it("normalises a valid order: trimmed text, card digits, numbers and dates", () => {
    expect(validateOrder(valid, NOW)).toEqual({
      ok: true,
      order: {
        dateUuid: null,
        userId: "user-1",
        cardNumber: "4242424242424242",
        storeCode: "WEB-1388012W",
        productCode: "R7-3126933h",
        productQuantity: 3,
        orderDate: new Date("2024-06-01T00:00:00Z"),
        shippingDate: new Date("2024-06-03T00:00:00Z"),
      },
    });
  });

  it("reports every bad field, each once, in field order", () => {
    const check = validateOrder({}, NOW);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.map((error) => error.field)).toEqual(ORDER_FIELDS.filter((field) => field !== "dateUuid"));
  });

  it.each<[keyof OrderDraft, unknown, RegExp | undefined]>([
    ["userId", "a".repeat(64), undefined],
    ["userId", "a".repeat(65), /at most 64 characters \(it has 65\)/],
    ["userId", "😀".repeat(64), undefined],
    ["userId", "a\u0000b", /control characters/],
    ["userId", "a\u0085b", /control characters/],
    ["storeCode", 42, /must be text/],
    ["cardNumber", "378282246310005", undefined],
    ["cardNumber", "6011 0009 9013 9424", undefined],
    ["cardNumber", "4242.4242.4242.4242", /only digits, spaces and dashes/],
    ["cardNumber", "4".repeat(11), /12 to 19 digits \(it has 11\)/],
    ["cardNumber", "4242424242424241", /mistyped/],
    ["productQuantity", 1, undefined],
    ["productQuantity", 10_000, undefined],
    ["productQuantity", "10001", /from 1 to 10,000/],
    ["productQuantity", -1, /from 1 to 10,000/],
    ["productQuantity", "2.5", /whole number/],
    ["productQuantity", Number.NaN, /whole number/],
    ["orderDate", "2024-06-16T11:59:00Z", undefined],
    ["orderDate", "2024-06-16T12:01:00Z", /more than one day in the future/],
    ["orderDate", "2023-02-29", /real date/],
    ["orderDate", "2024-02-29", undefined],
    ["orderDate", "2024-06-01T25:00:00Z", /real date/],
    ["orderDate", "2024-06-01T10:00:00", /real date/],
    ["orderDate", new Date("invalid"), /real date/],
    ["dateUuid", "0F8FAD5B-D9CB-469F-A165-70867728950E", undefined],
    ["dateUuid", "  ", undefined],
    ["dateUuid", "0f8fad5b-d9cb-469f-a165", /must be a UUID/],
  ])("%s = %j", (field, value, problem) => {
    const message = checkOrderField(field as never, { ...valid, shippingDate: "2099-01-01", [field]: value } as OrderDraft, NOW);
    if (problem) expect(message).toMatch(problem);
    else expect(message).toBeUndefined();
  });

  it("compares the shipping date with the order date, and accepts the same day", () => {
    expect(checkOrderField("shippingDate", { orderDate: "2024-06-01", shippingDate: "2024-06-01" }, NOW)).toBeUndefined();
    expect(checkOrderField("shippingDate", { orderDate: "2024-06-02", shippingDate: "2024-06-01" }, NOW)).toMatch(/on or after/);
    // An unreadable order date is the order date's problem, not the shipping date's.
    expect(checkOrderField("shippingDate", { orderDate: "garbage", shippingDate: "2024-06-01" }, NOW)).toBeUndefined();
  });
});

describe("parseOrderDate", () => {
  it("reads dates as midnight UTC and date-times with their zone", () => {
    expect(parseOrderDate("2024-05-31")?.toISOString()).toBe("2024-05-31T00:00:00.000Z");
    expect(parseOrderDate("2024-05-31T14:30:00+02:00")?.toISOString()).toBe("2024-05-31T12:30:00.000Z");
    expect(parseOrderDate("2024-05-31 14:30:00.123456Z")?.toISOString()).toBe("2024-05-31T14:30:00.123Z");
    expect(parseOrderDate("2024-05-31T14:30-0530")?.toISOString()).toBe("2024-05-31T20:00:00.000Z");
  });

  it("takes moments from 1753 to 9999 (in UTC), which every engine can store and compare", () => {
    expect(parseOrderDate("9999-12-31T23:59:59.999Z")?.toISOString()).toBe("9999-12-31T23:59:59.999Z");
    expect(parseOrderDate("1753-01-01")?.toISOString()).toBe("1753-01-01T00:00:00.000Z");
    expect(parseOrderDate("9999-12-31T23:00:00-05:00")).toBeUndefined();
    expect(parseOrderDate("1752-12-31")).toBeUndefined();
    expect(parseOrderDate(new Date(Date.UTC(10_000, 0, 1)))).toBeUndefined();
  });

  it("refuses what is not a real moment", () => {
    for (const text of ["", "31/05/2024", "2024-13-01", "2024-04-31", "2024-05-31T14:60:00Z", "2024-05-31T14:30:00+15:00", "now"]) {
      expect(parseOrderDate(text), text).toBeUndefined();
    }
  });
});
