import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { ORDER_COLUMNS, ORDER_TABLE } from "../core/order-table.js";
import { LIST_INDEXES } from "./migrations/1716800000001-add-order-list-indexes.js";
import { CASE_INSENSITIVE_INDEXES } from "./migrations/1716800000004-add-case-insensitive-indexes.js";

/**
 * The `orders` table as the migrations create it on a new database, for TypeORM's metadata
 * (and anyone who inspects it with TypeORM's tools). The migrations are the source of truth;
 * a test migrates a fresh database and asks TypeORM's schema builder what it would change to
 * match this entity: nothing, or the test fails. A legacy table may differ (nullable columns,
 * shorter VARCHARs): the queries read its real shape (table-shape.ts), not this class.
 */
@Entity({ name: ORDER_TABLE })
export class OrderEntity {
  @PrimaryColumn({ name: ORDER_COLUMNS.dateUuid, type: "varchar", length: 64 })
  dateUuid!: string;

  @PrimaryColumn({ name: ORDER_COLUMNS.userId, type: "varchar", length: 64 })
  userId!: string;

  /** Truncated for new rows: at most the first six and last four digits (see core/card-number.ts). */
  @Column({ name: ORDER_COLUMNS.cardNumber, type: "varchar", length: 32 })
  cardNumber!: string;

  @Column({ name: ORDER_COLUMNS.storeCode, type: "varchar", length: 64 })
  storeCode!: string;

  @Column({ name: ORDER_COLUMNS.productCode, type: "varchar", length: 64 })
  productCode!: string;

  @Column({ name: ORDER_COLUMNS.productQuantity, type: "integer" })
  productQuantity!: number;

  @Column({ name: ORDER_COLUMNS.orderDate, type: Date })
  orderDate!: Date;

  @Column({ name: ORDER_COLUMNS.shippingDate, type: Date })
  shippingDate!: Date;
}

// The list's index on the sort key, as the migration names it (TypeORM's @Index takes property
// names). The user and store indexes are on folded (case-insensitive) expressions, which TypeORM
// cannot describe: named here so that its schema tools leave them alone (synchronize: false).
const propertyOf = new Map(Object.entries(ORDER_COLUMNS).map(([property, column]) => [column as string, property]));
const byDate = LIST_INDEXES[0]!;
Index(byDate.name, byDate.columns.map((column) => propertyOf.get(column)!))(OrderEntity);
for (const index of CASE_INSENSITIVE_INDEXES) Index(index.name, { synchronize: false })(OrderEntity);
