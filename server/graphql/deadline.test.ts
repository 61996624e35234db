import { describe, expect, it } from "vitest";
import type { GraphQLContext } from "./context.js";
import { withinDeadline } from "./deadline.js";
import { ErrorCode } from "./errors.js";

const context = (timeoutMs: number) => ({ deadline: Date.now() + timeoutMs, timeoutMs }) as GraphQLContext;
const call = (timeoutMs: number, next: () => Promise<unknown>) =>
  withinDeadline({ context: context(timeoutMs), root: {}, args: {}, info: {} as never }, next);

describe("withinDeadline", () => {
  it("lets a resolver that finishes in time answer", async () => {
    await expect(call(1_000, async () => "done")).resolves.toBe("done");
  });

  it("passes a resolver's own error through unchanged, and leaves no timer behind", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    const own = new Error("the resolver's own failure");
    await expect(call(60_000, async () => Promise.reject(own))).rejects.toBe(own);
    await expect(call(60_000, async () => "done")).resolves.toBe("done");
    // The deadline timers (60 s each) were cleared when the resolvers settled.
    expect(timers()).toBe(before);
  });

  it("answers TIMEOUT for one that does not, saying a resent order is safe", async () => {
    const started = Date.now();
    const error = await call(50, () => new Promise(() => undefined)).catch((caught: unknown) => caught as { message: string; extensions: { code: string } });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.extensions.code).toBe(ErrorCode.timeout);
    expect(error.message).toMatch(/longer than 50 ms.*sending it again is safe/);
  });
});
