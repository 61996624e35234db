/**
 * The order as the domain knows it, whatever stores or serves it. Every other part of the
 * server (database, queries, service, GraphQL) speaks in these types.
 */

/** An order's identity: the legacy table's composite primary key. */
export interface OrderKey {
  dateUuid: string;
  userId: string;
}

/**
 * An order as stored. Columns other than the key may be NULL in rows the old app wrote; the
 * card number is as stored (truncated for new rows, possibly full in legacy ones).
 */
export interface OrderRecord extends OrderKey {
  cardNumber: string | null;
  storeCode: string | null;
  productCode: string | null;
  productQuantity: number | null;
  orderDate: Date | null;
  shippingDate: Date | null;
}

/** A new order in the form it is stored: every field present, the card number already truncated. */
export interface StoredOrder extends OrderKey {
  cardNumber: string;
  storeCode: string;
  productCode: string;
  productQuantity: number;
  orderDate: Date;
  shippingDate: Date;
}

export const ORDER_SORT_ORDERS = ["ORDER_DATE_DESC", "ORDER_DATE_ASC"] as const;
export type OrderSortOrder = (typeof ORDER_SORT_ORDERS)[number];

/** A checked list filter: every field given must match (user and store ignoring case). */
export interface OrderFilterValues {
  userId?: string;
  storeCode?: string;
  /** Exactly this Date UUID (what a search for one resolves to). */
  dateUuid?: string;
  /** Inclusive. */
  orderDateFrom?: Date;
  /** Inclusive. */
  orderDateTo?: Date;
}

/** Where a row sits in the list: its order date as the database reads it (full precision), and its key. */
export interface SortKey extends OrderKey {
  orderDate: string | null;
}

/** In the list's order, or against it (for `last`/`before`). */
export type Traversal = "forward" | "backward";
