/**
 * The two values of the add-order form the staff do not type as the API reads them.
 */

/**
 * A new Date UUID: the key of one act of adding, sent with every retry of it, so that the order
 * is stored once however often the request is repeated. Outside a secure context (plain http on
 * a LAN address) crypto.randomUUID is missing; getRandomValues never is.
 */
export function newDateUuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The shipping date, a day (YYYY-MM-DD), as the moment to store. The API checks that it is on or
 * after the order date, which is now a moment with a time; a calendar date (midnight UTC, as the
 * old app stored them) would come before an order taken later that same day. So: the calendar
 * date when that is not before the order; otherwise the first moment of that day in the staff's
 * time zone, or the order's own moment when the order was taken that same day. Each is shown
 * as the day typed. A day before the order's is left as it is, for the rules to refuse.
 * Undefined when the day or the order date cannot be read (the rules say what is wrong).
 */
export function shippingMoment(day: string, orderDate: Date | undefined): Date | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!parts || !orderDate || Number.isNaN(orderDate.getTime())) return undefined;
  const [year, month, date] = parts.slice(1).map(Number) as [number, number, number];
  const calendarDate = new Date(Date.UTC(year, month - 1, date));
  if (calendarDate >= orderDate) return calendarDate;
  const localStart = new Date(year, month - 1, date);
  const localEnd = new Date(year, month - 1, date + 1);
  if (localEnd <= orderDate) return calendarDate;
  return localStart > orderDate ? localStart : orderDate;
}
