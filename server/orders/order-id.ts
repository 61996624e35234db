/**
 * The opaque, stable `Order.id`: the composite primary key, base64url-encoded. Opaque so
 * callers never build one by hand; stable because the key never changes.
 */
import type { OrderKey } from "../core/order.js";
import { isStorableText } from "../core/order-rules.js";

const PREFIX = "order";

export function encodeOrderId(key: OrderKey): string {
  return Buffer.from(JSON.stringify([PREFIX, key.dateUuid, key.userId])).toString("base64url");
}

/** The key inside an id, or undefined when the id was not made by encodeOrderId. */
export function decodeOrderId(id: string): OrderKey | undefined {
  if (id.length > 400 || !/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(id, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      value[0] === PREFIX &&
      typeof value[1] === "string" &&
      typeof value[2] === "string" &&
      // A forged id with a NUL byte or a lone surrogate is the caller's mistake, not the database's error.
      isStorableText(value[1]) &&
      isStorableText(value[2])
    ) {
      return { dateUuid: value[1], userId: value[2] };
    }
  } catch {
    // not JSON: not one of ours
  }
  return undefined;
}
