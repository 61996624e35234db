/**
 * Card numbers (PANs) are sensitive: new rows keep at most the first six and last four
 * digits (the PCI DSS truncation limit), and only while at least six digits stay hidden;
 * nothing the API returns shows more than the last four. Legacy rows may still hold full
 * numbers, so every reader goes through here.
 */

/** What the rules accept between digits: spaces and dashes, as people type them. */
const SEPARATORS = /[\s-]+/g;

/** The value without the spaces and dashes people type between digits. */
export function withoutSeparators(input: string): string {
  return input.replace(SEPARATORS, "");
}

/** The digits of a typed card number, or undefined when it holds anything but digits and separators. */
export function cardDigits(input: string): string | undefined {
  const digits = withoutSeparators(input);
  return /^\d+$/.test(digits) ? digits : undefined;
}

/** The Luhn sum: every second digit from the right doubled (starting with the last when `doubleLast`). */
function luhnSum(digits: string, doubleLast: boolean): number {
  let sum = 0;
  let double = doubleLast;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum;
}

/** The Luhn (mod 10) check every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  return luhnSum(digits, false) % 10 === 0;
}

/** The check digit that, appended to `body`, makes a number that passes the Luhn check. */
export function luhnCheckDigit(body: string): number {
  return (10 - (luhnSum(body, true) % 10)) % 10;
}

/**
 * Digits that must stay hidden for the first six to be kept too. With fewer (a 12- to 15-digit
 * number keeps 2 to 5 hidden), the Luhn check narrows the number to a few dozen candidates.
 */
const MIN_HIDDEN_DIGITS = 6;

/**
 * The form a card number is stored in: the first six and last four digits while at least six
 * stay hidden (16 digits or more), otherwise the last four alone; the rest `*`, so the length
 * shows. Applied to what is stored already (a truncated or partly masked value), it changes
 * nothing that keeps no more than this.
 */
export function truncateCardForStorage(digits: string): string {
  const hidden = digits.length - 10;
  if (hidden >= MIN_HIDDEN_DIGITS) return digits.slice(0, 6) + "*".repeat(hidden) + digits.slice(-4);
  return "*".repeat(Math.max(digits.length - 4, 0)) + digits.slice(-4);
}

/** The last four digits of a stored value (full legacy number or truncated), or null when it has none. */
export function cardLast4(stored: string | null | undefined): string | null {
  if (!stored) return null;
  // From the end, digit by digit (every row of every page passes here; a regular expression was measurable).
  let last4 = "";
  for (let i = stored.length - 1; i >= 0 && last4.length < 4; i -= 1) {
    const code = stored.charCodeAt(i);
    if (code >= 48 && code <= 57) last4 = stored[i]! + last4;
  }
  return last4.length === 4 ? last4 : null;
}

/** `•••• •••• •••• 4242`: how a card number is shown anywhere outside the database. */
export function maskCardNumber(stored: string | null | undefined): string | null {
  const last4 = cardLast4(stored);
  return last4 === null ? null : `•••• •••• •••• ${last4}`;
}

/**
 * What may be compared between two stored values to tell whether they are the same card as
 * far as this service may know: the first six and last four digits.
 */
export function cardFingerprint(stored: string | null | undefined): string | null {
  if (!stored) return null;
  const compact = stored.replace(/[\s-]/g, "");
  return compact.length >= 10 ? `${compact.slice(0, 6)}…${compact.slice(-4)}` : null;
}
