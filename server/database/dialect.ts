/**
 * What differs between the three engines, and nothing else: quoting, placeholders, limits,
 * how a date column is read and compared exactly, how errors are recognised. The SQL for
 * orders is written once against this interface (orders/order-queries.ts).
 */
import { MssqlParameter } from "typeorm";
import { foldAscii, foldedColumnSql } from "./case-folding.js";
import type { TableShape } from "./table-shape.js";

export type Engine = "sqlite" | "postgres" | "mssql";

export interface SqlDialect {
  readonly engine: Engine;
  /** Row-value comparisons `(a, b) < (?, ?)`; SQL Server has none. */
  readonly rowValues: boolean;
  /** The most parameters one statement may bind. */
  readonly maxParameters: number;
  quote(identifier: string): string;
  /** The placeholder for the parameter at this (0-based) position. */
  placeholder(index: number): string;
  /** Binds text with its column's own type, so SQL Server seeks VARCHAR keys instead of converting them. */
  bindText(column: string, value: string): unknown;
  /** A date column (by name) read as text that keeps all its precision and sorts as the column does. */
  readDate(column: string): string;
  /** A bound text parameter turned back into the type of the named date column. */
  dateValue(column: string, placeholder: string): string;
  /** Whether text from a cursor can be bound to dateValue() without a database error. */
  acceptsDateText(text: string): boolean;
  /** A moment as text that dateValue() reads (and, on SQLite, the stored form). */
  formatDate(date: Date): string;
  /**
   * A moment as the named date column will hold it. Only SQL Server's legacy `datetime` (ticks
   * of 1/300 s) and `smalldatetime` (minutes) lose precision; filters round their bounds inward
   * ("up" for a lower bound, "down" for an upper one), stored values to the nearest tick.
   */
  roundDate(column: string, date: Date, direction: "nearest" | "down" | "up"): Date;
  /** The named text column's length when the text would not fit in it; undefined when it fits. */
  tooLongFor(column: string, text: string): number | undefined;
  /** A text column (by name) as compared ignoring case (the case-insensitive indexes are on this very expression). */
  foldedColumn(column: string): string;
  /** A bound text parameter folded the same way. */
  foldedValue(placeholder: string): string;
  /** The folding the database does, in JavaScript: for matching new rows against cached counts. */
  foldText(text: string): string;
  /** "The folded column starts with `prefix`", as a range the index seeks; `bind` adds a parameter and gives its placeholder. */
  startsWith(column: string, prefix: string, bind: (value: unknown) => string): string;
  /** `SELECT <columns> <rest>` returning at most the bound number of rows. */
  limitedSelect(columns: string, rest: string, limitPlaceholder: string): string;
  isUniqueViolation(error: unknown): boolean;
}

/** `2024-05-31 14:30:00.000000`: SQLAlchemy's storage format for DateTime, so old and new rows sort together. */
function isoSpaced(date: Date, fractionDigits: 3 | 6): string {
  const iso = date.toISOString(); // 2024-05-31T14:30:00.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${fractionDigits === 6 ? "000" : ""}`;
}

const STORED_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/** `2024-05-31 14:30:00[.ffffff]` (or with `T`): what readDate() gives on every engine, and what SQLAlchemy wrote. */
function isCanonical(text: string): boolean {
  const length = text.length;
  if (length !== 19 && (length < 21 || length > 29 || text.charCodeAt(19) !== 46)) return false;
  const separator = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (separator !== 32 && separator !== 84)) return false;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  for (const i of DIGIT_POSITIONS) if (!isDigit(text, i)) return false;
  for (let i = 20; i < length; i += 1) if (!isDigit(text, i)) return false;
  return true;
}

function isDigit(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code >= 48 && code <= 57;
}

/**
 * Reads a date as the database returned it (text from readDate()). Times without a zone are
 * UTC, as the old app wrote them. Returns null for text that is not a date (legacy rows may
 * hold anything), rather than failing the whole page. The canonical form is read digit by
 * digit (fifty dates a page: a regular expression each was measurable).
 */
export function parseStoredDate(text: string | null | undefined): Date | null {
  if (text === null || text === undefined) return null;
  if (typeof text === "string" && isCanonical(text)) {
    const n = (i: number) => text.charCodeAt(i) - 48;
    const millis = text.length >= 21 ? n(20) * 100 + (text.length >= 22 ? n(21) * 10 : 0) + (text.length >= 23 ? n(22) : 0) : 0;
    return new Date(
      Date.UTC(n(0) * 1000 + n(1) * 100 + n(2) * 10 + n(3), n(5) * 10 + n(6) - 1, n(8) * 10 + n(9), n(11) * 10 + n(12), n(14) * 10 + n(15), n(17) * 10 + n(18), millis),
    );
  }
  const match = STORED_DATE.exec(String(text).trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "0", zone] = match;
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(Number(`0.${fraction}`) * 1000));
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0")) * 60_000;
  }
  return Number.isNaN(time) ? null : new Date(time);
}

/** Text in the form readDate() gives on PostgreSQL and SQL Server, naming a real moment. */
function isDateTimeText(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,7})?$/.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  // From 1753: what SQL Server's legacy `datetime` holds (and so what any order date can be).
  return (
    year >= 1753 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60
  );
}

const unchanged = (_column: string, date: Date): Date => date;

function roundTo(date: Date, unitMs: number, direction: "nearest" | "down" | "up"): Date {
  const round = direction === "nearest" ? Math.round : direction === "down" ? Math.floor : Math.ceil;
  return new Date(round(date.getTime() / unitMs) * unitMs);
}

/** SQL Server `datetime`: 1/300 s ticks within each second, written as the millisecond SQL Server shows for them. */
function roundToDatetimeTick(date: Date, direction: "nearest" | "down" | "up"): Date {
  const time = date.getTime();
  const second = Math.floor(time / 1000) * 1000;
  const ticks = (time - second) * 0.3;
  const tick = direction === "nearest" ? Math.round(ticks) : direction === "down" ? Math.floor(ticks + 1e-9) : Math.ceil(ticks - 1e-9);
  return new Date(second + Math.round((tick * 10) / 3));
}

const doubleQuote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;
const bracketQuote = (identifier: string): string => `[${identifier.replaceAll("]", "]]")}]`;

/**
 * A field of a driver error, also when TypeORM has wrapped it (QueryFailedError.driverError).
 * SQLite and PostgreSQL name errors in `code`; SQL Server in `number` (its `code` is only
 * "EREQUEST").
 */
function errorField(error: unknown, field: "code" | "number"): unknown {
  if (typeof error !== "object" || error === null) return undefined;
  const wrapped = error as { code?: unknown; number?: unknown; driverError?: { code?: unknown; number?: unknown } };
  return wrapped.driverError?.[field] ?? wrapped[field];
}

/** The highest code point: every text that starts with a prefix sorts below prefix + this (byte order of UTF-8). */
const AFTER_EVERY_TEXT = "\u{10FFFF}";

/** startsWith as a byte range on the folded column (SQLite's BINARY and PostgreSQL's "C" collations order by bytes). */
function prefixRange(folded: string, foldValue: (placeholder: string) => string) {
  return (prefix: string, bind: (value: unknown) => string): string =>
    `${folded} >= ${foldValue(bind(prefix))} AND ${folded} < ${foldValue(bind(prefix + AFTER_EVERY_TEXT))}`;
}

export function createDialect(engine: Engine, shape: TableShape): SqlDialect {
  const folded = (column: string): string => foldedColumnSql(engine, engine === "mssql" ? bracketQuote(column) : doubleQuote(column));
  switch (engine) {
    case "sqlite":
      return {
        engine,
        rowValues: true,
        maxParameters: 32_766,
        quote: doubleQuote,
        placeholder: () => "?",
        bindText: (_column, value) => value,
        readDate: doubleQuote,
        // SQLite compares text as it is: any text a legacy row may hold is a valid position.
        acceptsDateText: (text) => text.length <= 64,
        roundDate: unchanged,
        // SQLite does not enforce VARCHAR lengths.
        tooLongFor: () => undefined,
        dateValue: (_column, placeholder) => placeholder,
        formatDate: (date) => isoSpaced(date, 6),
        limitedSelect: (columns, rest, limit) => `SELECT ${columns} ${rest} LIMIT ${limit}`,
        foldedColumn: folded,
        foldedValue: (placeholder) => `lower(${placeholder})`,
        foldText: foldAscii,
        startsWith: (column, prefix, bind) => prefixRange(folded(column), (placeholder) => `lower(${placeholder})`)(prefix, bind),
        isUniqueViolation: (error) => {
          const code = errorField(error, "code");
          return code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
        },
      };
    case "postgres":
      return {
        engine,
        rowValues: true,
        maxParameters: 65_535,
        quote: doubleQuote,
        placeholder: (index) => `$${index + 1}`,
        bindText: (_column, value) => value,
        // The session runs in UTC (see database.ts), so timestamptz columns read the same way.
        readDate: (column) => `to_char(${doubleQuote(column)}, 'YYYY-MM-DD HH24:MI:SS.US')`,
        acceptsDateText: isDateTimeText,
        // Microseconds: every millisecond moment fits.
        roundDate: unchanged,
        // VARCHAR(n) counts characters (code points).
        tooLongFor: (column, text) => {
          const length = shape.lengthOf(column);
          return length !== undefined && [...text].length > length ? length : undefined;
        },
        dateValue: (column, placeholder) => `CAST(${placeholder} AS ${shape.typeOf(column, "timestamp")})`,
        formatDate: (date) => isoSpaced(date, 6),
        limitedSelect: (columns, rest, limit) => `SELECT ${columns} ${rest} LIMIT ${limit}`,
        foldedColumn: folded,
        foldedValue: (placeholder) => `lower(${placeholder})`,
        foldText: (text) => text.toLowerCase(),
        startsWith: (column, prefix, bind) => prefixRange(folded(column), (placeholder) => `lower(${placeholder})`)(prefix, bind),
        isUniqueViolation: (error) => errorField(error, "code") === "23505",
      };
    case "mssql":
      return {
        engine,
        rowValues: false,
        maxParameters: 2_000,
        quote: bracketQuote,
        placeholder: (index) => `@${index}`,
        bindText: (column, value) => {
          return shape.typeOf(column, "nvarchar") === "varchar"
            ? new MssqlParameter(value, "varchar")
            : new MssqlParameter(value, "nvarchar");
        },
        // Style 121: yyyy-mm-dd hh:mi:ss.fffffff, every digit the column holds.
        readDate: (column) => `CONVERT(varchar(27), ${bracketQuote(column)}, 121)`,
        acceptsDateText: isDateTimeText,
        roundDate: (column, date, direction) => {
          const type = shape.typeOf(column, "datetime2");
          if (type === "datetime") return roundToDatetimeTick(date, direction);
          if (type === "smalldatetime") return roundTo(date, 60_000, direction);
          return date;
        },
        // NVARCHAR(n) counts UTF-16 code units; VARCHAR(n) bytes, one per character in the usual code pages.
        tooLongFor: (column, text) => {
          const length = shape.lengthOf(column);
          return length !== undefined && text.length > length ? length : undefined;
        },
        dateValue: (column, placeholder) => {
          const type = shape.typeOf(column, "datetime2");
          return `CAST(${placeholder} AS ${type === "datetime2" ? "datetime2(7)" : type})`;
        },
        formatDate: (date) => isoSpaced(date, 3),
        limitedSelect: (columns, rest, limit) => `SELECT TOP (${limit}) ${columns} ${rest}`,
        // The default collation ignores case: the plain column, and its plain indexes.
        foldedColumn: folded,
        foldedValue: (placeholder) => placeholder,
        foldText: (text) => text.toLowerCase(),
        // A pattern of the column's own type (an nvarchar pattern against a varchar column cannot seek).
        startsWith: (column, prefix, bind) => {
          const pattern = `${prefix.replace(/[\\%_[]/g, "\\$&")}%`;
          const typed = shape.typeOf(column, "nvarchar") === "varchar" ? new MssqlParameter(pattern, "varchar") : new MssqlParameter(pattern, "nvarchar");
          return `${folded(column)} LIKE ${bind(typed)} ESCAPE '\\'`;
        },
        isUniqueViolation: (error) => {
          const number = errorField(error, "number");
          return number === 2627 || number === 2601;
        },
      };
  }
}
