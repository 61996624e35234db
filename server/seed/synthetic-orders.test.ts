import { describe, expect, it } from "vitest";
import { passesLuhn } from "../core/card-number.js";
import { validateOrder } from "../core/order-rules.js";
import { createRandom, syntheticCardNumber, syntheticOrders } from "./synthetic-orders.js";

describe("synthetic orders", () => {
  it("makes Luhn-valid card numbers of the issuers' lengths", () => {
    const random = createRandom(3);
    for (let i = 0; i < 2_000; i += 1) {
      const card = syntheticCardNumber(random);
      expect(passesLuhn(card), card).toBe(true);
      expect(card.length).toBeGreaterThanOrEqual(12);
      expect(card.length).toBeLessThanOrEqual(19);
    }
  });

  it("makes orders that pass the rules, with version-4 UUIDs, the same for the same seed", () => {
    const until = new Date("2024-06-30T00:00:00Z");
    const take = (seed: number) => {
      const stream = syntheticOrders({ seed, until });
      return Array.from({ length: 500 }, () => stream.next().value!);
    };
    const orders = take(8);
    expect(take(8)).toEqual(orders);
    expect(take(9)).not.toEqual(orders);
    for (const order of orders) {
      expect(order.dateUuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // The first six only while six or more digits stay hidden (16 digits or more), else the last four alone.
      expect(order.cardNumber).toMatch(/^(\d{6}\*{6,9}|\*{8,11})\d{4}$/);
      const check = validateOrder({ ...order, cardNumber: "4242424242424242" }, until);
      expect(check.ok, JSON.stringify(check)).toBe(true);
    }
    // Calendar dates over three years: at a million orders, hundreds share each day.
    expect(new Set(orders.map((order) => order.orderDate.getTime())).size).toBeLessThan(orders.length);
    expect(orders.every((order) => order.orderDate.getUTCHours() === 0)).toBe(true);
  });
});
