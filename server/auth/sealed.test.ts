import { describe, expect, it } from "vitest";
import { Sealer } from "./sealed.js";

const SECRET = "a session secret of at least thirty-two bytes";

describe("sealed values", () => {
  it("open with the same secret and purpose, and hide what they hold", () => {
    const sealer = new Sealer(SECRET, "session-cookie");
    const sealed = sealer.seal("session id 123");
    expect(sealed).not.toContain("session");
    expect(sealer.unseal(sealed)).toBe("session id 123");
    expect(sealer.seal("same")).not.toBe(sealer.seal("same"));
  });

  it("do not open when altered, cut short, sealed for another purpose or with another secret", () => {
    const sealed = new Sealer(SECRET, "session-cookie").seal("session id 123");
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === "A" ? "B" : "A") + sealed.at(-1);
    expect(new Sealer(SECRET, "session-cookie").unseal(flipped)).toBeUndefined();
    expect(new Sealer(SECRET, "session-cookie").unseal(sealed.slice(0, 20))).toBeUndefined();
    expect(new Sealer(SECRET, "sign-in").unseal(sealed)).toBeUndefined();
    expect(new Sealer(`${SECRET}!`, "session-cookie").unseal(sealed)).toBeUndefined();
    expect(new Sealer(SECRET, "session-cookie").unseal("not*base64url")).toBeUndefined();
  });
});
