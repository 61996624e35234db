import { describe, expect, it } from "vitest";
import { CountScheduler, CountsBusyError } from "./count-scheduler.js";

/** A count that finishes when told to, recording when it started. */
function heldCounts() {
  const started: string[] = [];
  const release = new Map<string, () => void>();
  const count = (name: string, value = 1) => () =>
    new Promise<number>((resolve) => {
      started.push(name);
      release.set(name, () => resolve(value));
    });
  const finish = async (name: string) => {
    release.get(name)!();
    // Let the scheduler hand the slot on.
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  };
  return { started, count, finish };
}

describe("CountScheduler", () => {
  it("runs at most `concurrency` counts at once", async () => {
    const scheduler = new CountScheduler({ concurrency: 2, waitingPerCaller: 5 });
    const { started, count, finish } = heldCounts();
    const results = [scheduler.run("a", count("a1")), scheduler.run("b", count("b1")), scheduler.run("c", count("c1"))];
    expect(started).toEqual(["a1", "b1"]);
    await finish("a1");
    expect(started).toEqual(["a1", "b1", "c1"]);
    await finish("b1");
    await finish("c1");
    expect(await Promise.all(results)).toEqual([1, 1, 1]);
  });

  it("gives callers turns: one caller's queue does not hold back another's count", async () => {
    const scheduler = new CountScheduler({ concurrency: 1, waitingPerCaller: 3 });
    const { started, count, finish } = heldCounts();
    const runs = [scheduler.run("abuser", count("x1")), scheduler.run("abuser", count("x2")), scheduler.run("abuser", count("x3"))];
    const staff = scheduler.run("staff", count("s1", 42));
    expect(started).toEqual(["x1"]);
    await finish("x1");
    // The staff count goes next, before the abuser's second and third.
    expect(started).toEqual(["x1", "s1"]);
    await finish("s1");
    expect(await staff).toBe(42);
    await finish("x2");
    await finish("x3");
    await Promise.all(runs);
    expect(started).toEqual(["x1", "s1", "x2", "x3"]);
  });

  it("refuses at once a caller with too many counts waiting, and takes them again once the queue drains", async () => {
    const scheduler = new CountScheduler({ concurrency: 1, waitingPerCaller: 2 });
    const { started, count, finish } = heldCounts();
    const accepted = [scheduler.run("a", count("a1")), scheduler.run("a", count("a2")), scheduler.run("a", count("a3"))];
    await expect(scheduler.run("a", count("a4"))).rejects.toBeInstanceOf(CountsBusyError);
    // Another caller is not affected by a's queue.
    const other = scheduler.run("b", count("b1"));
    await finish("a1");
    await finish("b1");
    await finish("a2");
    await finish("a3");
    await Promise.all([...accepted, other]);
    expect(started).toEqual(["a1", "b1", "a2", "a3"]);
    const again = scheduler.run("a", count("a5"));
    await finish("a5");
    expect(await again).toBe(1);
  });

  it("frees the slot when a count fails, and passes the failure to its caller", async () => {
    const scheduler = new CountScheduler({ concurrency: 1, waitingPerCaller: 2 });
    const failing = scheduler.run("a", () => Promise.reject(new Error("timed out")));
    const next = scheduler.run("b", () => Promise.resolve(7));
    await expect(failing).rejects.toThrow("timed out");
    expect(await next).toBe(7);
  });
});
