/**
 * Dates and numbers in the staff's own locale, years always shown. An order date is one of two
 * things: a calendar date, stored as midnight UTC (every order of the old app, and dates typed
 * without a time), shown in UTC or it would fall a day early west of Greenwich; or a moment
 * (orders added with their time), shown in the staff's own time zone.
 *
 * The formatters are made on first use: building the first Intl.DateTimeFormat loads locale
 * data (tens of milliseconds in a fresh tab), which should not hold up the first paint.
 * `warmFormats` builds them while the first page is on its way.
 */
let calendarDateFormat: Intl.DateTimeFormat | undefined;
let localDateFormat: Intl.DateTimeFormat | undefined;
let numberFormat: Intl.NumberFormat | undefined;

export const MISSING = "—";

export function warmFormats(): void {
  calendarDateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
  localDateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
  numberFormat ??= new Intl.NumberFormat();
}

/** Midnight UTC to the millisecond: a calendar date rather than a moment. */
export function isCalendarDate(date: Date): boolean {
  return date.getTime() % 86_400_000 === 0;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return MISSING;
  warmFormats();
  return (isCalendarDate(date) ? calendarDateFormat : localDateFormat)!.format(date);
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  warmFormats();
  return numberFormat!.format(value);
}

/** "26–50" with the locale's digits and separators. */
export function formatRange(first: number, last: number): string {
  return first === last ? formatNumber(first) : `${formatNumber(first)}–${formatNumber(last)}`;
}

/**
 * A moment as the staff's wall clock reads it, in the form date inputs take:
 * `2024-05-31T14:30:00.000` (slice 10 for a date input, 16 for datetime-local).
 */
export function localIso(date: Date): string {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 23);
}
