import { describe, expect, it } from "vitest";
import type { OrderFilterValues } from "../core/order.js";
import { TotalCountCache } from "./total-count-cache.js";

function setup(ttlMs = 1_000) {
  let now = 0;
  let rows = 100;
  const calls: OrderFilterValues[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const cache = new TotalCountCache(
    async (filter) => {
      calls.push(filter);
      const counted = filter.userId ? 7 : rows;
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return counted;
    },
    { ttlMs, maxEntries: 3, now: () => now },
  );
  return {
    cache,
    calls,
    tick: (ms: number) => (now += ms),
    setRows: (n: number) => (rows = n),
    holdNext: () => (hold = true),
    releaseHeld: () => {
      hold = false;
      release?.();
    },
  };
}

const order = { dateUuid: "0f8fad5b-d9cb-469f-a165-70867728950e", userId: "u1", storeCode: "s1", orderDate: new Date("2024-05-01T00:00:00Z") };

describe("TotalCountCache", () => {
  it("counts once, then serves the cached value", async () => {
    const { cache, calls } = setup();
    expect(await cache.get({})).toBe(100);
    expect(await cache.get({})).toBe(100);
    expect(calls).toHaveLength(1);
  });

  it("adds this replica's inserts to every count they match, at once", async () => {
    const { cache } = setup();
    await cache.get({});
    await cache.get({ userId: "u1" });
    await cache.get({ userId: "u2" });
    cache.recordInsert(order);
    expect(await cache.get({})).toBe(101);
    expect(await cache.get({ userId: "u1" })).toBe(8);
    expect(await cache.get({ userId: "u2" })).toBe(7);
  });

  it("matches date ranges inclusively", async () => {
    const { cache } = setup();
    const inRange = { orderDateFrom: new Date("2024-05-01T00:00:00Z"), orderDateTo: new Date("2024-05-01T00:00:00Z") };
    const before = { orderDateTo: new Date("2024-04-30T23:59:59.999Z") };
    await cache.get(inRange);
    await cache.get(before);
    cache.recordInsert(order);
    expect(await cache.get(inRange)).toBe(101);
    expect(await cache.get(before)).toBe(100);
  });

  it("recounts in the background after the TTL, serving the old value meanwhile", async () => {
    const { cache, calls, tick, setRows } = setup(1_000);
    await cache.get({});
    setRows(150); // another replica wrote 50 orders
    tick(999);
    expect(await cache.get({})).toBe(100);
    tick(1);
    expect(await cache.get({})).toBe(100);
    await Promise.resolve();
    await Promise.resolve();
    expect(await cache.get({})).toBe(150);
    expect(calls).toHaveLength(2);
  });

  it("keeps its own exact value when an insert races a recount", async () => {
    const { cache, tick, setRows, holdNext, releaseHeld } = setup(1_000);
    await cache.get({});
    tick(1_000);
    holdNext();
    setRows(101); // the recount will see this replica's insert...
    await cache.get({}); // starts the recount
    cache.recordInsert(order); // ...which lands while it runs
    releaseHeld();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.get({})).toBe(101); // not 102
  });

  it("holds at most maxEntries filters", async () => {
    const { cache, calls } = setup();
    for (const userId of ["a", "b", "c", "d"]) await cache.get({ userId });
    await cache.get({ userId: "a" });
    expect(calls).toHaveLength(5);
  });

  it("skips the recount when no other connection has written (the change marker is the same)", async () => {
    let marker = 7;
    let counts = 0;
    let rows = 100;
    let now = 0;
    const cache = new TotalCountCache(
      async () => {
        counts += 1;
        return rows;
      },
      { ttlMs: 1_000, now: () => now, changeMarker: async () => marker },
    );
    expect(await cache.get({})).toBe(100);
    now += 1_000;
    await cache.get({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(counts).toBe(1);
    rows = 130;
    marker = 8; // another process wrote
    now += 1_000;
    await cache.get({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(counts).toBe(2);
    expect(await cache.get({})).toBe(130);
  });

  it("recounts a first count that raced an insert, even when no other connection wrote", async () => {
    let now = 0;
    let rows = 10;
    let release: (() => void) | undefined;
    let hold = true;
    let counts = 0;
    const cache = new TotalCountCache(
      async () => {
        counts += 1;
        const counted = rows;
        if (hold) await new Promise<void>((resolve) => (release = resolve));
        return counted;
      },
      { ttlMs: 1_000, now: () => now, changeMarker: async () => 1 },
    );
    const first = cache.get({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    rows = 11; // this replica's insert lands while the first count runs (which saw 10)
    cache.recordInsert(order);
    hold = false;
    release!();
    expect(await first).toBe(10);
    now += 1;
    await cache.get({}); // due at once, and the unchanged marker must not excuse it
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(counts).toBe(2);
    expect(await cache.get({})).toBe(11);
  });

  it("counts every time with a TTL of 0", async () => {
    const { cache, calls } = setup(0);
    await cache.get({});
    await cache.get({});
    expect(calls).toHaveLength(2);
  });
});
