import type { OrderKey } from "../core/order.js";
import { orderKey, type OrderStore, type RecordedAddition } from "./order-store.js";

interface Waiting {
  key: OrderKey;
  settle: Array<{ resolve(addition: RecordedAddition | null): void; reject(error: unknown): void }>;
}

/**
 * Who added each order of a page, in one query for the whole page rather than one per row:
 * the loads asked for while a response is being put together are collected and sent together.
 * One loader per request (it remembers nothing beyond it).
 */
export class AdditionsLoader {
  private waiting = new Map<string, Waiting>();
  private readonly loaded = new Map<string, Promise<RecordedAddition | null>>();

  constructor(private readonly store: OrderStore) {}

  load(key: OrderKey): Promise<RecordedAddition | null> {
    const id = orderKey(key);
    let loading = this.loaded.get(id);
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        const entry = this.waiting.get(id) ?? { key, settle: [] };
        entry.settle.push({ resolve, reject });
        if (this.waiting.size === 0) {
          // After the promise jobs of this turn (every row's field asks in the same pass), as DataLoader does.
          void Promise.resolve().then(() => process.nextTick(() => void this.dispatch()));
        }
        this.waiting.set(id, entry);
      });
      this.loaded.set(id, loading);
    }
    return loading;
  }

  private async dispatch(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    try {
      const found = await this.store.additionsOf([...batch.values()].map((entry) => entry.key));
      for (const [id, entry] of batch) for (const { resolve } of entry.settle) resolve(found.get(id) ?? null);
    } catch (error) {
      for (const entry of batch.values()) for (const { reject } of entry.settle) reject(error);
    }
  }
}
