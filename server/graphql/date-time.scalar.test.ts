import { describe, expect, it } from "vitest";
import { DateTimeScalar, formatIsoUtc } from "./date-time.scalar.js";

describe("formatIsoUtc", () => {
  it("writes what toISOString writes, across the years 0000-9999", () => {
    const edges = [
      Date.UTC(0, 0, 1) - 0,
      Date.UTC(1970, 0, 1),
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 11, 31, 0, 0, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    // Years 0-99 through setUTCFullYear: Date.UTC reads them as 1900-1999.
    const early = new Date(0);
    early.setUTCFullYear(7, 2, 9);
    const moments = [...edges.map((ms) => new Date(ms)), early];
    // A deterministic spread over the whole range (no Math.random: a failure must repeat).
    const span = Date.UTC(9999, 11, 31) - new Date("0000-01-01T00:00:00Z").getTime();
    for (let i = 0; i < 5_000; i += 1) moments.push(new Date(new Date("0000-01-01T00:00:00Z").getTime() + Math.floor((span * ((i * 7919) % 5_000)) / 5_000) + i * 37));
    for (const moment of moments) expect(formatIsoUtc(moment)).toBe(moment.toISOString());
  });

  it("hands years outside 0000-9999 to toISOString, and still throws on an invalid date", () => {
    const far = new Date("+010000-01-01T00:00:00.000Z");
    const before = new Date("-000001-06-01T00:00:00.000Z");
    expect(formatIsoUtc(far)).toBe("+010000-01-01T00:00:00.000Z");
    expect(formatIsoUtc(before)).toBe("-000001-06-01T00:00:00.000Z");
    expect(() => formatIsoUtc(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("is what the DateTime scalar returns", () => {
    expect(DateTimeScalar.serialize(new Date("2024-05-31T14:30:00.25Z"))).toBe("2024-05-31T14:30:00.250Z");
    expect(() => DateTimeScalar.serialize("2024-05-31")).toThrow(/only return a Date/);
  });
});
