/**
 * The legacy table, exactly as the old Flask app (SQLAlchemy) named it. These names are a
 * contract with existing databases: never rename one.
 */
export const ORDER_TABLE = "orders";

export const ORDER_COLUMNS = {
  dateUuid: "date_uuid",
  userId: "User ID",
  cardNumber: "Card Number",
  storeCode: "Store Code",
  productCode: "product_code",
  productQuantity: "Product Quantity",
  orderDate: "Order Date",
  shippingDate: "Shipping Date",
} as const;

export type OrderColumnKey = keyof typeof ORDER_COLUMNS;
