/**
 * What a legacy `Card Number` value is, and what it becomes once redacted. The old app
 * stored what staff typed; this service stores truncateCardForStorage(digits). Anything that
 * shows more digits than that form is rewritten to it; anything else is left as it is.
 */
import { cardDigits, passesLuhn, truncateCardForStorage, withoutSeparators } from "../core/card-number.js";
import { ORDER_LIMITS } from "../core/order-rules.js";

/** The lengths a card number has: what the add-order rules accept (12 to 19 digits). */
export const CARD_LENGTHS = { min: ORDER_LIMITS.cardDigitsMin, max: ORDER_LIMITS.cardDigitsMax } as const;

export type StoredCardValue =
  /** 12 to 19 digits (spaces and dashes allowed): a full number at rest, Luhn or not. */
  | { kind: "full"; length: number; passesLuhn: boolean; redacted: string }
  /** Digits and `*` that show a digit the stored form would hide (`42424242****4242`). */
  | { kind: "over-exposed"; redacted: string }
  /** Digits and `*` that show no more than the stored form: already safe. */
  | { kind: "masked" }
  /** Anything else: letters, too few or too many digits. `manyDigits`: it holds 12 digits or more, worth a look by hand. */
  | { kind: "not-a-card"; manyDigits: boolean }
  | { kind: "empty" }
  | { kind: "null" };

/** A value that needs writing, with what to write. */
type RedactableValue = Extract<StoredCardValue, { redacted: string }>;

/**
 * Classifies one stored value. A full number that fails the Luhn check is still a full number
 * at rest (a typo'd card is a real card but for one digit), so it is redacted all the same.
 * A masked value is judged by its positions: truncateCardForStorage keeps what may stay
 * visible and hides the rest, so a value it leaves unchanged shows nothing it should not.
 */
export function classifyCardValue(stored: string | null): StoredCardValue {
  if (stored === null) return { kind: "null" };
  if (stored.trim() === "") return { kind: "empty" };
  const digits = cardDigits(stored);
  if (digits !== undefined) {
    if (digits.length >= CARD_LENGTHS.min && digits.length <= CARD_LENGTHS.max) {
      return { kind: "full", length: digits.length, passesLuhn: passesLuhn(digits), redacted: truncateCardForStorage(digits) };
    }
    return { kind: "not-a-card", manyDigits: digits.length >= CARD_LENGTHS.min };
  }
  // The masked forms this service writes: digits and `*`, the length of the card.
  const compact = withoutSeparators(stored);
  if (/^[\d*]+$/.test(compact)) {
    const redacted = truncateCardForStorage(compact);
    return redacted === compact ? { kind: "masked" } : { kind: "over-exposed", redacted };
  }
  return { kind: "not-a-card", manyDigits: countDigits(stored) >= CARD_LENGTHS.min };
}

/** Whether the value must be rewritten, narrowing it to one that says what to write. */
export function needsRedaction(value: StoredCardValue): value is RedactableValue {
  return value.kind === "full" || value.kind === "over-exposed";
}

function countDigits(text: string): number {
  return text.replace(/\D/g, "").length;
}
