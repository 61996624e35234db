/**
 * The rules a new order must satisfy, written once. The GraphQL input type applies them
 * through class-validator, the service applies them again before it writes, and the web
 * client imports this very module to validate as staff type. It has no dependencies (beyond
 * the card-number helpers) so that it bundles small.
 */
import { cardDigits, passesLuhn } from "./card-number.js";

export const ORDER_FIELDS = [
  "dateUuid",
  "userId",
  "cardNumber",
  "storeCode",
  "productCode",
  "productQuantity",
  "orderDate",
  "shippingDate",
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export const ORDER_LIMITS = {
  textMaxLength: 64,
  cardDigitsMin: 12,
  cardDigitsMax: 19,
  quantityMin: 1,
  quantityMax: 10_000,
  /** An order date may be at most this far ahead of the clock (time zones, late-night entry). */
  orderDateMaxAheadMs: 24 * 60 * 60 * 1000,
  /** Earlier dates are typing mistakes (and SQL Server's old `datetime` cannot hold them). */
  earliestOrderDate: "1900-01-01",
} as const;

/** How each field is named in messages and form labels. */
export const ORDER_FIELD_LABELS: Record<OrderField, string> = {
  dateUuid: "Date UUID",
  userId: "User ID",
  cardNumber: "Card number",
  storeCode: "Store code",
  productCode: "Product code",
  productQuantity: "Quantity",
  orderDate: "Order date",
  shippingDate: "Shipping date",
};

/** An order as typed into a form or sent to the API, before any rule has been applied. */
export interface OrderDraft {
  dateUuid?: string | null;
  userId?: string | null;
  cardNumber?: string | null;
  storeCode?: string | null;
  productCode?: string | null;
  productQuantity?: number | string | null;
  orderDate?: Date | string | null;
  shippingDate?: Date | string | null;
}

/** An order that passed every rule, normalised: trimmed text, card digits only, real dates. */
export interface ValidOrder {
  /** Null when the caller left it out: the service then derives one. */
  dateUuid: string | null;
  userId: string;
  /** Digits only, Luhn-valid. Never stored or logged as it is. */
  cardNumber: string;
  storeCode: string;
  productCode: string;
  productQuantity: number;
  orderDate: Date;
  shippingDate: Date;
}

export interface FieldError {
  field: OrderField;
  message: string;
}

export type OrderCheck = { ok: true; order: ValidOrder } | { ok: false; errors: FieldError[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0 and C1 control characters: tabs, line breaks, NUL, escape sequences.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Whether text holds a control character (a tab, a line break, NUL…): never part of a code or an id. */
function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** A surrogate without its pair: not well-formed Unicode (stored as invalid UTF-8, or as U+FFFD, depending on the engine). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Characters that change how text looks without being seen: bidirectional overrides, embeddings
 * and isolates (U+202A–U+202E, U+2066–U+2069), direction marks, zero-width spaces and joiners,
 * the word joiner and invisible operators, the byte-order mark. A code that holds one reads as
 * another code.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/**
 * Whether any database can store and compare the text: no NUL (PostgreSQL refuses it) and no
 * lone surrogate. What a key read back from the table always is, so the test for a key that
 * came back from a caller (a cursor, an order id): rows the old app wrote may hold tabs or
 * invisible characters, and their cursors must still work.
 */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

/** What makes text unfit for a code, an id or a filter, in words; undefined when it is fit. */
export function unsafeTextProblem(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return "must be well-formed text (it holds half of a character: a lone surrogate)";
  if (hasControlCharacters(text)) return "must not contain control characters such as tabs or line breaks";
  if (INVISIBLE.test(text)) return "must not contain invisible characters (direction overrides, zero-width spaces)";
  return undefined;
}
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The label inside a sentence: "user ID", "order date". */
function noun(field: OrderField): string {
  return ORDER_FIELD_LABELS[field].toLowerCase().replace(/\b(id|uuid)\b/, (word) => word.toUpperCase());
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * The moments every engine can hold: SQL Server's old `datetime` starts in 1753, and a year
 * past 9999 (9999-12-31T23:00-05:00 is one) has no four-digit form to store or compare.
 */
const EARLIEST_MOMENT = Date.UTC(1753, 0, 1);
const LATEST_MOMENT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Reads a calendar date (`2024-05-31`, taken as midnight UTC) or an ISO 8601 date-time with
 * a zone (`2024-05-31T14:30:00Z`, `…+02:00`). Returns undefined for anything that is not a
 * real moment from 1753 to 9999 (in UTC): `2024-02-30`, `24:00`, a missing zone, free text.
 */
export function parseOrderDate(value: Date | string): Date | undefined {
  const date = value instanceof Date ? value : parseMoment(value.trim());
  const time = date?.getTime();
  return time !== undefined && time >= EARLIEST_MOMENT && time <= LATEST_MOMENT ? date : undefined;
}

function parseMoment(text: string): Date | undefined {
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) return utcMoment(dateOnly[1]!, dateOnly[2]!, dateOnly[3]!, "0", "0", "0", "0", "Z");
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) return undefined;
  const [, y, mo, d, h, mi, s = "0", fraction = "0", zone = "Z"] = dateTime;
  return utcMoment(y!, mo!, d!, h!, mi!, s, fraction, zone);
}

function utcMoment(
  y: string,
  mo: string,
  d: string,
  h: string,
  mi: string,
  s: string,
  fraction: string,
  zone: string,
): Date | undefined {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Math.floor(Number(`0.${fraction}`) * 1000);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2024-02-30 over into March: a real date survives the round trip.
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = Number(digits.slice(2));
    if (offsetHours > 14 || offsetMins > 59) return undefined;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  return new Date(local - offsetMinutes * 60_000);
}

function checkText(field: "userId" | "storeCode" | "productCode", value: unknown): string | undefined {
  const label = ORDER_FIELD_LABELS[field];
  if (isBlank(value)) return `Enter the ${noun(field)}.`;
  if (typeof value !== "string") return `${label} must be text.`;
  const text = value.trim();
  const unsafe = unsafeTextProblem(text);
  if (unsafe) return `${label} ${unsafe}.`;
  const length = [...text].length;
  if (length > ORDER_LIMITS.textMaxLength) {
    return `${label} must be at most ${ORDER_LIMITS.textMaxLength} characters (it has ${length}).`;
  }
  return undefined;
}

function checkCardNumber(value: unknown): string | undefined {
  if (isBlank(value)) return "Enter the card number.";
  if (typeof value !== "string") return "Card number must be text.";
  const unsafe = unsafeTextProblem(value);
  if (unsafe) return `Card number ${unsafe}.`;
  const digits = cardDigits(value.trim());
  if (digits === undefined) return "Card number may contain only digits, spaces and dashes.";
  const { cardDigitsMin: min, cardDigitsMax: max } = ORDER_LIMITS;
  if (digits.length < min || digits.length > max) {
    return `Card number must have ${min} to ${max} digits (it has ${digits.length}).`;
  }
  if (!passesLuhn(digits)) return "Card number is not valid: one of its digits is probably mistyped.";
  return undefined;
}

function quantityOf(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function checkQuantity(value: unknown): string | undefined {
  if (isBlank(value)) return "Enter the quantity.";
  const quantity = quantityOf(value);
  if (quantity === undefined || !Number.isInteger(quantity)) return "Quantity must be a whole number.";
  const { quantityMin: min, quantityMax: max } = ORDER_LIMITS;
  if (quantity < min || quantity > max) return `Quantity must be from ${min} to ${max.toLocaleString("en")}.`;
  return undefined;
}

function dateOf(value: unknown): Date | undefined {
  return value instanceof Date || typeof value === "string" ? parseOrderDate(value) : undefined;
}

const EARLIEST_ORDER_DATE = parseOrderDate(ORDER_LIMITS.earliestOrderDate)!;

function checkDate(field: "orderDate" | "shippingDate", value: unknown): string | undefined {
  const label = ORDER_FIELD_LABELS[field];
  if (isBlank(value)) return `Enter the ${noun(field)}.`;
  const date = dateOf(value);
  if (!date) return `${label} must be a real date, such as 2024-05-31 or 2024-05-31T14:30:00Z.`;
  if (date < EARLIEST_ORDER_DATE) return `${label} must be on or after ${ORDER_LIMITS.earliestOrderDate}.`;
  return undefined;
}

/** Checks one field of a draft, with the other fields for the rules that span two. */
export function checkOrderField(field: OrderField, draft: OrderDraft, now: Date = new Date()): string | undefined {
  switch (field) {
    case "dateUuid": {
      const value = draft.dateUuid;
      if (isBlank(value)) return undefined;
      if (typeof value !== "string" || !UUID.test(value.trim())) {
        return "Date UUID must be a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e, or left empty to have one made.";
      }
      return undefined;
    }
    case "userId":
    case "storeCode":
    case "productCode":
      return checkText(field, draft[field]);
    case "cardNumber":
      return checkCardNumber(draft.cardNumber);
    case "productQuantity":
      return checkQuantity(draft.productQuantity);
    case "orderDate": {
      const problem = checkDate("orderDate", draft.orderDate);
      if (problem) return problem;
      if (dateOf(draft.orderDate)!.getTime() > now.getTime() + ORDER_LIMITS.orderDateMaxAheadMs) {
        return "Order date must not be more than one day in the future.";
      }
      return undefined;
    }
    case "shippingDate": {
      const problem = checkDate("shippingDate", draft.shippingDate);
      if (problem) return problem;
      const orderDate = dateOf(draft.orderDate);
      if (orderDate && dateOf(draft.shippingDate)! < orderDate) {
        return "Shipping date must be on or after the order date.";
      }
      return undefined;
    }
  }
}

/** Applies every rule; on success returns the normalised order, otherwise one message per bad field. */
export function validateOrder(draft: OrderDraft, now: Date = new Date()): OrderCheck {
  const errors: FieldError[] = [];
  for (const field of ORDER_FIELDS) {
    const message = checkOrderField(field, draft, now);
    if (message) errors.push({ field, message });
  }
  if (errors.length > 0) return { ok: false, errors };
  const dateUuid = typeof draft.dateUuid === "string" && draft.dateUuid.trim() !== "" ? draft.dateUuid.trim() : null;
  return {
    ok: true,
    order: {
      dateUuid,
      userId: (draft.userId as string).trim(),
      cardNumber: cardDigits((draft.cardNumber as string).trim())!,
      storeCode: (draft.storeCode as string).trim(),
      productCode: (draft.productCode as string).trim(),
      productQuantity: quantityOf(draft.productQuantity)!,
      orderDate: dateOf(draft.orderDate)!,
      shippingDate: dateOf(draft.shippingDate)!,
    },
  };
}
