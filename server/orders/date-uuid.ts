import { createHash } from "node:crypto";
import { cardFingerprint } from "../core/card-number.js";

/** A fixed namespace for the name-based UUIDs below (itself a random v4 UUID). */
const NAMESPACE = Buffer.from("6b1d8f0e3c2a4f5e9a7b1c0d2e4f6a8b", "hex");

export interface OrderContent {
  userId: string;
  storeCode: string;
  productCode: string;
  productQuantity: number;
  orderDate: Date;
  shippingDate: Date;
  /** As it will be stored (truncated): the full number never enters the digest. */
  storedCardNumber: string;
}

/**
 * The Date UUID of an order sent without one: a name-based (version 5) UUID of its content.
 * The same order sent twice (a double click, a retry after a timeout) gets the same key, so
 * it is stored once; any difference in content gives another key. Only the first six and last
 * four card digits enter the digest, so the UUID reveals nothing the stored row does not.
 */
export function deriveDateUuid(order: OrderContent): string {
  const name = JSON.stringify([
    order.userId,
    order.storeCode,
    order.productCode,
    order.productQuantity,
    order.orderDate.toISOString(),
    order.shippingDate.toISOString(),
    cardFingerprint(order.storedCardNumber),
  ]);
  const bytes = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
