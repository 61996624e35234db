import { describe, expect, it } from "vitest";
import { cardDigits, cardFingerprint, cardLast4, maskCardNumber, passesLuhn, truncateCardForStorage } from "./card-number.js";

describe("card numbers", () => {
  it("reads digits through spaces and dashes, and nothing else", () => {
    expect(cardDigits("4242 4242-4242  4242")).toBe("4242424242424242");
    expect(cardDigits("4242/4242")).toBeUndefined();
  });

  it("applies the Luhn check", () => {
    expect(passesLuhn("4242424242424242")).toBe(true);
    expect(passesLuhn("79927398713")).toBe(true);
    expect(passesLuhn("4242424242424241")).toBe(false);
  });

  it("stores at most the first six and last four digits, the first six only while six or more stay hidden", () => {
    expect(truncateCardForStorage("4242424242424242")).toBe("424242******4242");
    expect(truncateCardForStorage("4242424242424242424")).toBe("424242*********2424");
    // 15 digits would hide 5, 13 would hide 3, 12 only 2: the last four alone.
    expect(truncateCardForStorage("378282246310005")).toBe("***********0005");
    expect(truncateCardForStorage("4222222222222")).toBe("*********2222");
    expect(truncateCardForStorage("501800000009")).toBe("********0009");
  });

  it("shows only the last four, from full legacy numbers and truncated ones alike", () => {
    expect(cardLast4("4111111111111111")).toBe("1111");
    expect(cardLast4("424242******4242")).toBe("4242");
    expect(maskCardNumber("4111-1111-1111-1111")).toBe("•••• •••• •••• 1111");
    expect(maskCardNumber(null)).toBeNull();
    expect(cardLast4("12")).toBeNull();
    expect(cardLast4("1-2-3")).toBeNull();
    expect(cardLast4("9 ab1c2d3e4f ")).toBe("1234");
    expect(cardLast4("４２４２")).toBeNull();
  });

  it("fingerprints a card by what truncation keeps, so a legacy and a new row of one card agree", () => {
    expect(cardFingerprint("4242424242424242")).toBe(cardFingerprint("424242******4242"));
    expect(cardFingerprint("4242424242424242")).not.toBe(cardFingerprint("424242******4243"));
  });
});
