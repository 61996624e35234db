import { passesLuhn } from "../core/card-number.js";

/**
 * What may stand between a card number's digits as it reaches a log line or an answer: the
 * spaces, dashes and dots people type, tabs (raw, or `\t` once JSON-escaped), `+` (a space in a
 * query string), and the percent-encoded space and tab of a URL (`%20`, `%09`).
 */
const SEPARATOR = String.raw`(?:[ \t.+-]|%20|%09|\\t)`;

/**
 * Runs of 12 to 19 digits, with up to three separators between any two, that pass the Luhn
 * check: what a card number looks like in free text. Not a piece of a longer token (a UUID, a
 * hex id, joined by dashes before or after), so ids in log lines stay readable.
 */
const CANDIDATE = new RegExp(String.raw`(?<![0-9A-Za-z-])\d(?:${SEPARATOR}{0,3}\d){11,18}(?![0-9A-Za-z]|-[0-9A-Za-z])`, "gi");
const PERCENT_SPACE = /%(?:20|09)/i;

function mask(text: string): string {
  return text.replace(CANDIDATE, (match) => {
    const digits = match.replace(/%(?:20|09)|\\t|\D/gi, "");
    return passesLuhn(digits) ? `[card ••••${digits.slice(-4)}]` : match;
  });
}

/**
 * Replaces anything that looks like a full card number with its masked form. The last line
 * of defence: code never logs or returns a card number on purpose, and this catches what
 * echoes one by accident (a driver message, a GraphQL coercion error quoting its input, a URL,
 * a request id). A `%20` right before the digits would hide where they start, so a text with
 * percent-encoded spaces is also read decoded, and given back decoded if that finds a number.
 */
export function scrubCardNumbers(text: string): string {
  if (!/\d{2}/.test(text)) return text;
  const scrubbed = mask(text);
  if (!PERCENT_SPACE.test(scrubbed)) return scrubbed;
  const decoded = scrubbed.replace(/%20/gi, " ").replace(/%09/gi, "\t");
  const again = mask(decoded);
  return again === decoded ? scrubbed : again;
}
