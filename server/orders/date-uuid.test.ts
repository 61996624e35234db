import { describe, expect, it } from "vitest";
import { deriveDateUuid } from "./date-uuid.js";

const order = {
  userId: "u1",
  storeCode: "s1",
  productCode: "p1",
  productQuantity: 2,
  orderDate: new Date("2024-05-01T00:00:00Z"),
  shippingDate: new Date("2024-05-02T00:00:00Z"),
  storedCardNumber: "424242******4242",
};

describe("deriveDateUuid", () => {
  it("gives the same order the same version-5 UUID", () => {
    const uuid = deriveDateUuid(order);
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deriveDateUuid({ ...order, orderDate: new Date(order.orderDate) })).toBe(uuid);
  });

  it("gives any other order another one", () => {
    const uuid = deriveDateUuid(order);
    expect(deriveDateUuid({ ...order, productQuantity: 3 })).not.toBe(uuid);
    expect(deriveDateUuid({ ...order, storedCardNumber: "424242******4243" })).not.toBe(uuid);
    expect(deriveDateUuid({ ...order, shippingDate: new Date("2024-05-03T00:00:00Z") })).not.toBe(uuid);
  });
});
