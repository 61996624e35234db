import { describe, expect, it } from "vitest";
import { backoffDelay, isTransientDatabaseError, retryTransient } from "./transient-errors.js";

describe("transient database errors", () => {
  it("tells passing faults from permanent ones", () => {
    expect(isTransientDatabaseError(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isTransientDatabaseError({ number: 40613, message: "Database is not currently available" })).toBe(true);
    expect(isTransientDatabaseError({ driverError: { code: "57P03" } })).toBe(true);
    expect(isTransientDatabaseError(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isTransientDatabaseError({ code: "28P01", message: "password authentication failed" })).toBe(false);
    expect(isTransientDatabaseError({ number: 18456, message: "Login failed" })).toBe(false);
    expect(isTransientDatabaseError(new Error("syntax error"))).toBe(false);
  });

  it("waits about 5 s first, doubling up to 60 s", () => {
    const backoff = { firstDelayMs: 5_000, maxDelayMs: 60_000, attempts: 8 };
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(backoff, attempt, middle))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(backoffDelay(backoff, 1, () => 0)).toBe(4_000);
    expect(backoffDelay(backoff, 1, () => 1)).toBe(6_000);
  });

  it("retries only transient failures, and stops after the last attempt", async () => {
    const waits: number[] = [];
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls < 3) throw Object.assign(new Error("reset"), { code: "ECONNRESET" });
      return "connected";
    };
    const backoff = { firstDelayMs: 10, maxDelayMs: 40, attempts: 5 };
    await expect(retryTransient(flaky, backoff, () => undefined, async (ms) => void waits.push(ms))).resolves.toBe("connected");
    expect(waits).toHaveLength(2);

    let permanent = 0;
    await expect(
      retryTransient(async () => { permanent += 1; throw new Error("bad password"); }, backoff, () => undefined, async () => undefined),
    ).rejects.toThrow("bad password");
    expect(permanent).toBe(1);

    let always = 0;
    await expect(
      retryTransient(async () => { always += 1; throw Object.assign(new Error("down"), { code: "ETIMEDOUT" }); }, backoff, () => undefined, async () => undefined),
    ).rejects.toThrow("down");
    expect(always).toBe(5);
  });
});
