import type { OrderStore } from "../orders/order-store.js";
import { type SyntheticOrderOptions, syntheticOrders } from "./synthetic-orders.js";

export interface SeedOptions extends SyntheticOrderOptions {
  count: number;
  /** Orders per transaction: large enough to be fast, small enough to keep memory flat. */
  chunk?: number;
  onProgress?: (done: number) => void;
}

/** Adds `count` synthetic orders in batched INSERTs, one transaction per chunk. */
export async function seedOrders(store: OrderStore, options: SeedOptions): Promise<void> {
  const stream = syntheticOrders(options);
  const chunk = options.chunk ?? 50_000;
  for (let done = 0; done < options.count; ) {
    const size = Math.min(chunk, options.count - done);
    const orders = Array.from({ length: size }, () => stream.next().value!);
    await store.insertMany(orders);
    done += size;
    options.onProgress?.(done);
  }
}
