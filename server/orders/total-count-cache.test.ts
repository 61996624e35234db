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
    expect(await cache.get({}, "staff")).toBe(100);
    expect(await cache.get({}, "staff")).toBe(100);
    expect(calls).toHaveLength(1);
  });

  it("adds this replica's inserts to every count they match, at once", async () => {
    const { cache } = setup();
    await cache.get({}, "staff");
    await cache.get({ userId: "u1" }, "staff");
    await cache.get({ userId: "u2" }, "staff");
    cache.recordInsert(order);
    expect(await cache.get({}, "staff")).toBe(101);
    expect(await cache.get({ userId: "u1" }, "staff")).toBe(8);
    expect(await cache.get({ userId: "u2" }, "staff")).toBe(7);
  });

  it("matches date ranges inclusively", async () => {
    const { cache } = setup();
    const inRange = { orderDateFrom: new Date("2024-05-01T00:00:00Z"), orderDateTo: new Date("2024-05-01T00:00:00Z") };
    const before = { orderDateTo: new Date("2024-04-30T23:59:59.999Z") };
    await cache.get(inRange, "staff");
    await cache.get(before, "staff");
    cache.recordInsert(order);
    expect(await cache.get(inRange, "staff")).toBe(101);
    expect(await cache.get(before, "staff")).toBe(100);
  });

  it("recounts in the background after half the TTL, serving the value meanwhile", async () => {
    const { cache, calls, tick, setRows } = setup(1_000);
    await cache.get({}, "staff");
    setRows(150); // another replica wrote 50 orders
    tick(499);
    expect(await cache.get({}, "staff")).toBe(100);
    tick(1);
    expect(await cache.get({}, "staff")).toBe(100);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.get({}, "staff")).toBe(150);
    expect(calls).toHaveLength(2);
  });

  it("never serves a count older than the TTL: after an idle spell, the first read recounts first", async () => {
    const { cache, calls, tick, setRows } = setup(1_000);
    await cache.get({}, "staff");
    setRows(170); // written elsewhere while no one asked
    tick(60_000);
    expect(await cache.get({}, "staff")).toBe(170);
    expect(calls).toHaveLength(2);
  });

  it("serves the last count, and says so, when a recount it must wait for fails", async () => {
    const errors: unknown[] = [];
    let now = 0;
    let fail = false;
    const cache = new TotalCountCache(
      async () => {
        if (fail) throw new Error("count timed out");
        return 40;
      },
      { ttlMs: 1_000, now: () => now, onRecountError: (error) => errors.push(error) },
    );
    expect(await cache.get({}, "staff")).toBe(40);
    fail = true;
    now += 5_000;
    expect(await cache.get({}, "staff")).toBe(40);
    expect(errors).toHaveLength(1);
  });

  it("keeps its own exact value when an insert races a recount", async () => {
    const { cache, tick, setRows, holdNext, releaseHeld } = setup(1_000);
    await cache.get({}, "staff");
    tick(1_000);
    holdNext();
    setRows(101); // the recount will see this replica's insert...
    const waiting = cache.get({}, "staff"); // starts the recount, and waits for it (the count is a TTL old)
    await new Promise((resolve) => setTimeout(resolve, 0));
    cache.recordInsert(order); // ...which lands while it runs
    releaseHeld();
    expect(await waiting).toBe(101); // not 102
    expect(await cache.get({}, "staff")).toBe(101);
  });

  it("holds at most maxEntries filters", async () => {
    const { cache, calls } = setup();
    for (const userId of ["a", "b", "c", "d"]) await cache.get({ userId }, "staff");
    await cache.get({ userId: "a" }, "staff");
    expect(calls).toHaveLength(5);
  });

  it("keeps the filters in use when one-off filters flood it (least recently used go first)", async () => {
    const { cache, calls } = setup();
    await cache.get({}, "staff");
    for (const userId of ["a", "b", "c", "d", "e"]) {
      await cache.get({ userId }, "abuser");
      await cache.get({}, "staff");
    }
    expect(calls.filter((filter) => filter.userId === undefined)).toHaveLength(1);
  });

  it("tells the counter who asked, a background recount included", async () => {
    let now = 0;
    const askedBy: string[] = [];
    const cache = new TotalCountCache(
      async (_filter, who) => {
        askedBy.push(who);
        return 1;
      },
      { ttlMs: 1_000, now: () => now },
    );
    await cache.get({}, "caller:ana");
    now += 600;
    await cache.get({}, "address:10.0.0.9");
    await new Promise((resolve) => setImmediate(resolve));
    expect(askedBy).toEqual(["caller:ana", "address:10.0.0.9"]);
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
    expect(await cache.get({}, "staff")).toBe(100);
    now += 1_000;
    await cache.get({}, "staff");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(counts).toBe(1);
    rows = 130;
    marker = 8; // another process wrote
    now += 1_000;
    await cache.get({}, "staff");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(counts).toBe(2);
    expect(await cache.get({}, "staff")).toBe(130);
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
    const first = cache.get({}, "staff");
    await new Promise((resolve) => setTimeout(resolve, 0));
    rows = 11; // this replica's insert lands while the first count runs (which saw 10)
    cache.recordInsert(order);
    hold = false;
    release!();
    expect(await first).toBe(10);
    now += 1;
    await cache.get({}, "staff"); // due at once, and the unchanged marker must not excuse it
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(counts).toBe(2);
    expect(await cache.get({}, "staff")).toBe(11);
  });

  it("counts every time with a TTL of 0", async () => {
    const { cache, calls } = setup(0);
    await cache.get({}, "staff");
    await cache.get({}, "staff");
    expect(calls).toHaveLength(2);
  });
});
