import { passesLuhn } from "../core/card-number.js";

/**
 * Runs of 12 to 19 digits, with the spaces or dashes people type between them, that pass
 * the Luhn check: what a card number looks like in free text. Not a piece of a longer token
 * (a UUID, a hex id), so ids in log lines stay readable.
 */
const CANDIDATE = /(?<![0-9A-Za-z-])\d(?:[ -]?\d){11,18}(?![0-9A-Za-z-])/g;

/**
 * Replaces anything that looks like a full card number with its masked form. The last line
 * of defence: code never logs or returns a card number on purpose, and this catches what
 * echoes one by accident (a driver message, a GraphQL coercion error quoting its input).
 */
export function scrubCardNumbers(text: string): string {
  if (!/\d{4}/.test(text)) return text;
  return text.replace(CANDIDATE, (match) => {
    const digits = match.replace(/\D/g, "");
    return passesLuhn(digits) ? `[card ••••${digits.slice(-4)}]` : match;
  });
}
