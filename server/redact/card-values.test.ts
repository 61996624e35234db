import { describe, expect, it } from "vitest";
import { cardLast4 } from "../core/card-number.js";
import { classifyCardValue, needsRedaction } from "./card-values.js";

describe("classifyCardValue", () => {
  it("redacts full numbers of 12 to 19 digits, through spaces and dashes, to the stored form", () => {
    expect(classifyCardValue("4242424242424242")).toEqual({ kind: "full", length: 16, passesLuhn: true, redacted: "424242******4242" });
    expect(classifyCardValue("4242 4242-4242  4242")).toMatchObject({ kind: "full", redacted: "424242******4242" });
    expect(classifyCardValue("4242424242424242424")).toMatchObject({ kind: "full", length: 19, redacted: "424242*********2424" });
    // Fewer than six digits would stay hidden with the first six: the last four alone.
    expect(classifyCardValue("3782-822463-10005")).toMatchObject({ kind: "full", length: 15, redacted: "***********0005" });
    expect(classifyCardValue("501800000009")).toMatchObject({ kind: "full", length: 12, redacted: "********0009" });
  });

  it("redacts a full number that fails the Luhn check too, and says it fails", () => {
    expect(classifyCardValue("4242424242424241")).toEqual({ kind: "full", length: 16, passesLuhn: false, redacted: "424242******4241" });
  });

  it("leaves the stored forms alone", () => {
    for (const stored of ["424242******4242", "***********0005", "********0009", "424242*********2424", "4242 42** **** 4242", "****", "************4242"]) {
      expect(classifyCardValue(stored), stored).toEqual({ kind: "masked" });
    }
  });

  it("masks again what shows more than the stored form, from the visible digits alone", () => {
    expect(classifyCardValue("42424242****4242")).toEqual({ kind: "over-exposed", redacted: "424242******4242" });
    expect(classifyCardValue("4242-4242-****-4242")).toEqual({ kind: "over-exposed", redacted: "424242******4242" });
    // 15 digits keep the last four alone: the first six go.
    expect(classifyCardValue("378282*****0005")).toEqual({ kind: "over-exposed", redacted: "***********0005" });
    // A digit hidden in the last four stays hidden: nothing is made up.
    expect(classifyCardValue("4242424242****42")).toEqual({ kind: "over-exposed", redacted: "424242********42" });
  });

  it("leaves what is not a card number alone, flagging text that holds 12 digits or more", () => {
    expect(classifyCardValue("n/a")).toEqual({ kind: "not-a-card", manyDigits: false });
    expect(classifyCardValue("4242")).toEqual({ kind: "not-a-card", manyDigits: false });
    expect(classifyCardValue("12345678901")).toEqual({ kind: "not-a-card", manyDigits: false });
    expect(classifyCardValue("42424242424242424242")).toEqual({ kind: "not-a-card", manyDigits: true });
    expect(classifyCardValue("visa 4242424242424242")).toEqual({ kind: "not-a-card", manyDigits: true });
    expect(classifyCardValue("4242.4242.4242.4242")).toEqual({ kind: "not-a-card", manyDigits: true });
    expect(classifyCardValue("")).toEqual({ kind: "empty" });
    expect(classifyCardValue("   ")).toEqual({ kind: "empty" });
    expect(classifyCardValue(null)).toEqual({ kind: "null" });
  });

  it("keeps the last four digits of every value it rewrites, and rewrites nothing twice", () => {
    for (let length = 12; length <= 19; length += 1) {
      const full = "4000123456789010987".slice(0, length);
      const value = classifyCardValue(full);
      expect(needsRedaction(value)).toBe(true);
      if (!needsRedaction(value)) continue;
      expect(cardLast4(value.redacted)).toBe(full.slice(-4));
      expect(value.redacted).toHaveLength(length);
      expect(classifyCardValue(value.redacted)).toEqual({ kind: "masked" });
    }
  });
});
