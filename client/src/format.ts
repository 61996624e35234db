/**
 * Dates and numbers in the staff's own locale. Order dates are calendar dates stored as
 * midnight UTC: they are shown in UTC, or every date would fall a day early west of Greenwich.
 *
 * The formatters are made on first use: building the first Intl.DateTimeFormat loads locale
 * data (tens of milliseconds in a fresh tab), which should not hold up the first paint.
 * `warmFormats` builds them while the first page is on its way.
 */
let dateFormat: Intl.DateTimeFormat | undefined;
let numberFormat: Intl.NumberFormat | undefined;

export const MISSING = "—";

export function warmFormats(): void {
  dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
  numberFormat ??= new Intl.NumberFormat();
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return MISSING;
  warmFormats();
  return dateFormat!.format(date);
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
