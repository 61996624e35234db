/**
 * What a walk found in the `Card Number` column, in counts only: the operator sees what the
 * column really holds without a single value of it being shown.
 */
import { CARD_LENGTHS, type StoredCardValue } from "./card-values.js";

export interface CardTally {
  /** Full card numbers, by their number of digits (index 12 to 19). */
  fullByLength: number[];
  /** Of the full numbers, those that fail the Luhn check (redacted all the same). */
  fullFailingLuhn: number;
  /** Masked values showing more digits than the stored form keeps. */
  overExposed: number;
  /** Masked values showing no more than the stored form keeps. */
  masked: number;
  notACard: number;
  /** Of the values that are not a card number, those holding 12 digits or more. */
  notACardWithManyDigits: number;
  empty: number;
  null: number;
}

export function emptyTally(): CardTally {
  return {
    fullByLength: new Array<number>(CARD_LENGTHS.max + 1).fill(0),
    fullFailingLuhn: 0,
    overExposed: 0,
    masked: 0,
    notACard: 0,
    notACardWithManyDigits: 0,
    empty: 0,
    null: 0,
  };
}

/** Counts one value into the tally. */
export function countValue(tally: CardTally, value: StoredCardValue): void {
  switch (value.kind) {
    case "full":
      tally.fullByLength[value.length]! += 1;
      if (!value.passesLuhn) tally.fullFailingLuhn += 1;
      return;
    case "over-exposed":
      tally.overExposed += 1;
      return;
    case "masked":
      tally.masked += 1;
      return;
    case "not-a-card":
      tally.notACard += 1;
      if (value.manyDigits) tally.notACardWithManyDigits += 1;
      return;
    case "empty":
      tally.empty += 1;
      return;
    case "null":
      tally.null += 1;
  }
}

export function fullCount(tally: CardTally): number {
  return tally.fullByLength.reduce((sum, count) => sum + count, 0);
}

/** Values that show more than the stored form: full numbers and over-exposed masks. */
export function redactableCount(tally: CardTally): number {
  return fullCount(tally) + tally.overExposed;
}
