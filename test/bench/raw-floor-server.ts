/**
 * The floor: the same keyset page, in the same JSON shape as the GraphQL response to the web
 * client's list query (client/src/api/list-query.ts: the card as its last four digits, the
 * page's start and end cursors, no search), served by
 * node:http and a prepared better-sqlite3 statement, with no GraphQL, no ORM, no framework.
 * Whatever our stack costs above this is the price of its features.
 *
 *   node --import tsx test/bench/raw-floor-server.ts <sqlite file>    (prints {"url": ...} when listening)
 *
 * Routes: POST /first (newest 25, with totalCount) and POST /offset-last (the last 25 by OFFSET).
 */
import { createServer } from "node:http";
import Sqlite from "better-sqlite3";
// Pure functions of the row, the same our stack calls: the floor skips the framework, not the work.
import { cardLast4 } from "../../server/core/card-number.js";
import { encodeCursor, listFingerprint } from "../../server/orders/cursor.js";
import { encodeOrderId } from "../../server/orders/order-id.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: raw-floor-server.ts <sqlite file>\n");
  process.exit(2);
}
const db = new Sqlite(file, { readonly: true });
db.pragma("cache_size = -16000");
const COLUMNS = `date_uuid AS dateUuid, "User ID" AS userId, "Card Number" AS cardNumber, "Store Code" AS storeCode,
  product_code AS productCode, "Product Quantity" AS productQuantity, "Order Date" AS orderDate, "Shipping Date" AS shippingDate`;
const ORDER = `ORDER BY "Order Date" DESC, date_uuid DESC, "User ID" DESC`;
const first = db.prepare(`SELECT ${COLUMNS} FROM orders ${ORDER} LIMIT 26`);
const offset = db.prepare(`SELECT ${COLUMNS} FROM orders ${ORDER} LIMIT 25 OFFSET ?`);
const total = (db.prepare("SELECT COUNT(*) AS n FROM orders").get() as { n: number }).n;

interface Row {
  dateUuid: string;
  userId: string;
  cardNumber: string | null;
  storeCode: string;
  productCode: string;
  productQuantity: number;
  orderDate: string;
  shippingDate: string;
}

const iso = (text: string) => `${text.slice(0, 10)}T${text.slice(11, 23)}Z`;
/** The list the client's first page shows: newest first, no filter. */
const LIST = listFingerprint("ORDER_DATE_DESC", {});
const cursorOf = (row: Row | undefined) => (row ? encodeCursor({ orderDate: row.orderDate, dateUuid: row.dateUuid, userId: row.userId }, LIST) : null);

function page(rows: Row[], hasNextPage: boolean, hasPreviousPage: boolean): string {
  const shown = rows.slice(0, 25);
  const edges = shown.map((row) => ({
    node: {
      id: encodeOrderId(row),
      dateUuid: row.dateUuid,
      userId: row.userId,
      cardLast4: cardLast4(row.cardNumber),
      storeCode: row.storeCode,
      productCode: row.productCode,
      productQuantity: row.productQuantity,
      orderDate: iso(row.orderDate),
      shippingDate: iso(row.shippingDate),
    },
  }));
  return JSON.stringify({
    data: {
      orders: {
        totalCount: total,
        edges,
        pageInfo: { hasNextPage, hasPreviousPage, startCursor: cursorOf(shown[0]), endCursor: cursorOf(shown.at(-1)) },
        search: null,
      },
    },
  });
}

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    let body: string;
    if (request.url === "/first") {
      const rows = first.all() as Row[];
      body = page(rows, rows.length > 25, false);
    } else if (request.url === "/offset-last") {
      body = page(offset.all(Math.max(total - 25, 0)) as Row[], false, total > 25);
    } else {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(JSON.stringify({ msg: "raw floor listening", url: `http://127.0.0.1:${port}` }) + "\n");
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
