/** Shared pieces for the order tests: a valid order, GraphQL documents, direct row counts. */
import type { TestDatabase } from "./databases.js";

export const TEST_CARD = "4242 4242 4242 4242";
export const TEST_CARD_DIGITS = "4242424242424242";

export function validOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userId: "user-1",
    cardNumber: TEST_CARD,
    storeCode: "WEB-1388012W",
    productCode: "R7-3126933h",
    productQuantity: 3,
    orderDate: "2024-05-01",
    shippingDate: "2024-05-03",
    ...overrides,
  };
}

export const ORDER_FIELDS = "id dateUuid userId cardLast4 cardNumberMasked storeCode productCode productQuantity orderDate shippingDate";

export const ADD_ORDER = `mutation AddOrder($input: AddOrderInput!) { addOrder(input: $input) { ${ORDER_FIELDS} } }`;

export const LIST_ORDERS = `query Orders($page: PageInput, $sort: OrderSort, $filter: OrderFilter) {
  orders(page: $page, sort: $sort, filter: $filter) {
    edges { cursor node { ${ORDER_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

export const LIST_ORDERS_WITH_COUNT = LIST_ORDERS.replace("pageInfo {", "totalCount\n    pageInfo {");

export interface OrderNode {
  id: string;
  dateUuid: string;
  userId: string;
  cardLast4: string | null;
  cardNumberMasked: string | null;
  storeCode: string | null;
  productCode: string | null;
  productQuantity: number | null;
  orderDate: string | null;
  shippingDate: string | null;
}

export interface OrdersData {
  orders: {
    totalCount?: number;
    edges: Array<{ cursor: string; node: OrderNode }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

export async function rowCount(db: TestDatabase): Promise<number> {
  const [row] = await db.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM orders");
  return Number(row!.n);
}
