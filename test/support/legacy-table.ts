/**
 * The orders table exactly as the old Flask app's SQLAlchemy model created it: string columns,
 * the composite primary key, every other column nullable, no other index. And rows as the old
 * app wrote them: full card numbers, SQLAlchemy's datetime text on SQLite, some NULLs.
 */
import type { TestDatabase } from "./databases.js";

export function legacyDdl(engine: TestDatabase["engine"]): string {
  const datetime = engine === "sqlite" ? "DATETIME" : "TIMESTAMP WITHOUT TIME ZONE";
  return `CREATE TABLE orders (
    date_uuid VARCHAR(50) NOT NULL,
    "User ID" VARCHAR(50) NOT NULL,
    "Card Number" VARCHAR(50),
    "Store Code" VARCHAR(50),
    product_code VARCHAR(50),
    "Product Quantity" INTEGER,
    "Order Date" ${datetime},
    "Shipping Date" ${datetime},
    PRIMARY KEY (date_uuid, "User ID")
  )`;
}

export interface LegacyRow {
  dateUuid: string;
  userId: string;
  cardNumber: string | null;
  storeCode: string | null;
  productCode: string | null;
  quantity: number | null;
  /** SQLAlchemy's text form: 2024-05-31 14:30:00.000000 (UTC, no zone). */
  orderDate: string | null;
  shippingDate: string | null;
}

export async function createLegacyTable(db: TestDatabase, rows: readonly LegacyRow[]): Promise<void> {
  await db.query(legacyDdl(db.engine));
  const p = (n: number) => db.placeholder(n);
  for (const row of rows) {
    await db.query(
      `INSERT INTO orders (date_uuid, "User ID", "Card Number", "Store Code", product_code, "Product Quantity", "Order Date", "Shipping Date")
       VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(", ")})`,
      [row.dateUuid, row.userId, row.cardNumber, row.storeCode, row.productCode, row.quantity, row.orderDate, row.shippingDate],
    );
  }
}

/** A few hundred legacy rows: repeated dates, some rows without dates or quantities, full card numbers. */
export function legacyRows(count: number, seed = 1): LegacyRow[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  return Array.from({ length: count }, (_, i) => {
    const day = 1 + Math.floor(random() * 5);
    const undated = i % 17 === 0;
    return {
      dateUuid: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      userId: `legacy-user-${Math.floor(random() * 12)}`,
      cardNumber: i % 11 === 0 ? null : "4111111111111111",
      storeCode: i % 13 === 0 ? null : `STORE-${Math.floor(random() * 4)}`,
      productCode: `P-${Math.floor(random() * 50)}`,
      quantity: i % 19 === 0 ? null : 1 + Math.floor(random() * 9),
      orderDate: undated ? null : `2023-03-0${day} ${random() < 0.5 ? "00:00:00" : "13:45:10"}.${random() < 0.5 ? "000000" : "123456"}`,
      shippingDate: undated ? null : `2023-03-1${day} 09:00:00.000000`,
    };
  });
}
