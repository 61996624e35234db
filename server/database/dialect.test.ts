import { describe, expect, it } from "vitest";
import { createDialect, parseStoredDate } from "./dialect.js";
import { tableShapeOf } from "./table-shape.js";

describe("parseStoredDate", () => {
  it.each([
    ["2024-05-31 14:30:00.123456", "2024-05-31T14:30:00.123Z"],
    ["2024-05-31 14:30:00.1234567", "2024-05-31T14:30:00.123Z"],
    ["2024-05-31 14:30:00.120", "2024-05-31T14:30:00.120Z"],
    ["2024-05-31 14:30:00.5", "2024-05-31T14:30:00.500Z"],
    ["2024-05-31 14:30:00", "2024-05-31T14:30:00.000Z"],
    ["2024-05-31T14:30:00", "2024-05-31T14:30:00.000Z"],
    ["2024-05-31", "2024-05-31T00:00:00.000Z"],
    ["2024-05-31 14:30:00+02:00", "2024-05-31T12:30:00.000Z"],
    ["2024-05-31T14:30:00.250Z", "2024-05-31T14:30:00.250Z"],
    ["2024-05-31 14:30", "2024-05-31T14:30:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(parseStoredDate(text)?.toISOString()).toBe(iso);
  });

  it("gives null for what is not a date", () => {
    for (const text of ["", "N/A", "31/05/2024", "2024-05-31 14", null, undefined]) expect(parseStoredDate(text), String(text)).toBeNull();
  });
});

describe("the engines' differences", () => {
  const legacySqlServer = createDialect(
    "mssql",
    tableShapeOf({
      "Order Date": { type: "datetime", nullable: true },
      "Shipping Date": { type: "smalldatetime", nullable: true },
      "User ID": { type: "varchar", nullable: false, length: 10 },
    }),
  );
  const newSqlServer = createDialect("mssql", tableShapeOf({ "Order Date": { type: "datetime2", nullable: false } }));
  const at = (iso: string) => new Date(iso);

  it("rounds to SQL Server datetime's 1/300 s ticks as SQL Server does, and filter bounds inwards", () => {
    const round = (iso: string, direction: "nearest" | "down" | "up") => legacySqlServer.roundDate("Order Date", at(iso), direction).toISOString();
    expect(round("2024-05-31T10:00:00.001Z", "nearest")).toBe("2024-05-31T10:00:00.000Z");
    expect(round("2024-05-31T10:00:00.002Z", "nearest")).toBe("2024-05-31T10:00:00.003Z");
    expect(round("2024-05-31T10:00:00.005Z", "nearest")).toBe("2024-05-31T10:00:00.007Z");
    expect(round("2024-05-31T23:59:59.999Z", "nearest")).toBe("2024-06-01T00:00:00.000Z");
    // An upper bound of .999 would become the next midnight in SQL Server: .997 is the day's last tick.
    expect(round("2024-05-31T23:59:59.999Z", "down")).toBe("2024-05-31T23:59:59.997Z");
    expect(round("2024-05-31T10:00:00.001Z", "up")).toBe("2024-05-31T10:00:00.003Z");
    expect(round("2024-05-31T10:00:00.003Z", "up")).toBe("2024-05-31T10:00:00.003Z");
    expect(legacySqlServer.roundDate("Shipping Date", at("2024-05-31T10:00:29.000Z"), "nearest").toISOString()).toBe("2024-05-31T10:00:00.000Z");
    expect(newSqlServer.roundDate("Order Date", at("2024-05-31T10:00:00.001Z"), "nearest").toISOString()).toBe("2024-05-31T10:00:00.001Z");
  });

  it("knows when text is too long for the real column", () => {
    expect(legacySqlServer.tooLongFor("User ID", "a".repeat(10))).toBeUndefined();
    expect(legacySqlServer.tooLongFor("User ID", "a".repeat(11))).toBe(10);
    // SQL Server counts UTF-16 units: five emoji take ten.
    expect(legacySqlServer.tooLongFor("User ID", "😀".repeat(6))).toBe(10);
    const postgres = createDialect("postgres", tableShapeOf({ "User ID": { type: "character varying", nullable: false, length: 10 } }));
    expect(postgres.tooLongFor("User ID", "😀".repeat(10))).toBeUndefined();
    const sqlite = createDialect("sqlite", tableShapeOf({ "User ID": { type: "varchar", nullable: false, length: 10 } }));
    expect(sqlite.tooLongFor("User ID", "a".repeat(100))).toBeUndefined();
  });

  it("recognises a duplicate key on each engine, also through TypeORM's wrapper", () => {
    const shape = tableShapeOf({});
    expect(createDialect("mssql", shape).isUniqueViolation({ code: "EREQUEST", number: 2627 })).toBe(true);
    expect(createDialect("mssql", shape).isUniqueViolation({ code: "EREQUEST", number: 2601, driverError: { code: "EREQUEST", number: 2601 } })).toBe(true);
    expect(createDialect("mssql", shape).isUniqueViolation({ code: "EREQUEST", number: 547 })).toBe(false);
    expect(createDialect("postgres", shape).isUniqueViolation({ driverError: { code: "23505" } })).toBe(true);
    expect(createDialect("sqlite", shape).isUniqueViolation({ code: "SQLITE_CONSTRAINT_PRIMARYKEY" })).toBe(true);
  });
});
