/**
 * GET /export/orders.csv on SQLite and PostgreSQL: the rows the list shows for the same filter,
 * search and sort, as RFC 4180 CSV with a header, the card as its last four digits, formula
 * cells made inert, an attachment file name; bad parameters refused before anything is sent.
 */
import { describe, expect, it } from "vitest";
import { scrubCardNumbers } from "../../server/logging/card-number-scrubber.js";
import { postgresUnavailable, type EngineName } from "../support/databases.js";
import { ADD_ORDER, LIST_ORDERS_WITH_COUNT, type OrdersData, validOrder } from "../support/orders.js";
import { serverForSuite } from "../support/test-server.js";
import { recordTranscript } from "../support/transcripts.js";

const postgresSkipped = await postgresUnavailable();

/** RFC 4180, read strictly: quoted fields with doubled quotes, CRLF between records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const character = text[i]!;
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") record.push(field), (field = "");
    else if (character === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      (record = []), (field = ""), (i += 1);
    } else field += character;
  }
  if (field !== "" || record.length > 0) throw new Error("the CSV does not end with CRLF");
  return records;
}

describe.each<EngineName>(["sqlite", "postgres"])("the CSV export on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  const suite = serverForSuite(engine, { skip, seed: { count: 300, seed: 9, until: new Date("2024-06-30") } });

  const exportCsv = async (query: Record<string, string> = {}) => {
    const response = await fetch(`${suite.server.url}/export/orders.csv?${new URLSearchParams(query)}`);
    const text = await response.text();
    recordTranscript("response", text);
    return { response, text };
  };

  describe.skipIf(skip)("exports", () => {
    it("every order of the list, as many rows as its count, in its order", async () => {
      const filter = { storeCode: "web-1388012w", orderDateFrom: "2022-01-01" };
      const list = await suite.server.graphql<OrdersData>(LIST_ORDERS_WITH_COUNT, { filter, sort: "ORDER_DATE_ASC", page: { first: 100 } });
      const { response, text } = await exportCsv({ ...filter, sort: "ORDER_DATE_ASC" });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual(["Date UUID", "User ID", "Card (last four)", "Store Code", "Product Code", "Quantity", "Order Date", "Shipping Date", "Added By", "Added At"]);
      expect(rows).toHaveLength(list.data!.orders.totalCount!);
      expect(rows.slice(0, 100).map((row) => row[0])).toEqual(list.data!.orders.edges.map((edge) => edge.node.dateUuid));
      // The card as its last four digits, and nothing longer.
      expect(rows.every((row) => /^\d{4}$/.test(row[2]!))).toBe(true);
      expect(scrubCardNumbers(text)).toBe(text);
    });

    it("the same rows the search shows", async () => {
      expect((await suite.server.graphql(ADD_ORDER, { input: validOrder({ userId: "Export-Search-Person", storeCode: "EX-1" }) })).errors).toBeUndefined();
      const [, ...rows] = parseCsv((await exportCsv({ search: "export-sea" })).text);
      expect(rows.map((row) => row[1])).toEqual(["Export-Search-Person"]);
      const [, ...none] = parseCsv((await exportCsv({ search: "zzz-nothing" })).text);
      expect(none).toEqual([]);
    });

    it("makes cells a spreadsheet would run inert, and quotes what must be quoted", async () => {
      const tricky = ['=HYPERLINK("http://evil.example","x")', "+cmd", "-2+3", "@SUM(A1)", 'a,"quoted" b'];
      for (const [i, userId] of tricky.entries()) {
        const result = await suite.server.graphql(ADD_ORDER, { input: validOrder({ userId, storeCode: "CSV-TRICK", productCode: `p-${i}` }) });
        expect(result.errors).toBeUndefined();
      }
      const { text } = await exportCsv({ storeCode: "csv-trick" });
      const ids = parseCsv(text).slice(1).map((row) => row[1]);
      expect(ids.sort()).toEqual(["'+cmd", "'-2+3", `'=HYPERLINK("http://evil.example","x")`, "'@SUM(A1)", 'a,"quoted" b'].sort());
      expect(text).toContain('"a,""quoted"" b"');
    });
  });

  describe.skipIf(skip)("refuses", () => {
    it.each([
      [{ orderDateFrom: "31/05/2024" }, "orderDateFrom"],
      [{ sort: "price" }, "sort"],
      [{ search: "ab" }, "filter.search"],
      [{ orderDateFrom: "2024-06-01", orderDateTo: "2024-05-01" }, "filter.orderDateTo"],
    ])("bad parameters %j with 400 and the field, before any row", async (query, field) => {
      const { response, text } = await exportCsv(query);
      expect(response.status).toBe(400);
      expect(JSON.parse(text).errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fieldErrors: [expect.objectContaining({ field })] });
    });
  });
});
