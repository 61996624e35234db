import { describe, expect, it } from "vitest";
import { parseSeedArgs } from "./seed-cli-args.js";

const now = new Date("2024-06-30T10:00:00Z");

describe("parseSeedArgs", () => {
  it("reads --count, --seed and --until in both spellings", () => {
    expect(parseSeedArgs(["--count", "1_000_000", "--seed=42", "--until", "2024-01-31"], now)).toEqual({
      ok: true,
      args: { count: 1_000_000, seed: 42, until: new Date("2024-01-31T00:00:00Z") },
    });
  });

  it("picks a random seed and today when they are left out", () => {
    expect(parseSeedArgs(["--count", "5"], now, () => 0.5)).toEqual({ ok: true, args: { count: 5, seed: 2 ** 31, until: now } });
  });

  it("names every problem", () => {
    const reading = parseSeedArgs(["--count", "0", "--seed", "x", "--until", "tomorrow", "--fast"], now);
    expect(reading.ok).toBe(false);
    if (!reading.ok) {
      expect(reading.problems).toEqual([
        'unknown argument "--fast"',
        '--count must be a whole number from 1 to 10,000,000 (got "0")',
        '--seed must be a whole number from 0 to 4,294,967,295 (got "x")',
        '--until must be a date such as 2024-05-31 (got "tomorrow")',
      ]);
    }
    expect(parseSeedArgs([], now)).toEqual({ ok: false, problems: ["--count is required"] });
    expect(parseSeedArgs(["--count"], now)).toEqual({ ok: false, problems: ["--count needs a value"] });
  });
});
