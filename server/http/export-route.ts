/**
 * GET /export/orders.csv: every order the list shows for the same filter, search and sort, as
 * CSV, streamed a keyset page at a time (memory stays flat at a million rows; a client that
 * goes away stops the walk). Reading permission as for the list; bad parameters are refused
 * before anything is sent, with the same per-field messages the API gives.
 */
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { canRead } from "../core/caller.js";
import { ORDERS_CSV_PARAMETERS, ORDERS_CSV_PATH } from "../core/contracts.js";
import { ORDER_SORT_ORDERS, type OrderSortOrder } from "../core/order.js";
import { type InputFieldError, InvalidInputError } from "../core/order-errors.js";
import { parseOrderDate } from "../core/order-rules.js";
import { callerErrorBody, ErrorCode } from "../graphql/errors.js";
import type { OrderService } from "../orders/order.service.js";
import { CSV_HEADER, csvLine, orderCsvLine } from "../orders/orders-csv.js";
import type { OrderView } from "../orders/order-view.js";

type Query = Partial<Record<(typeof ORDERS_CSV_PARAMETERS)[number], string>>;

function readDate(name: string, value: string | undefined, errors: InputFieldError[]): Date | undefined {
  if (value === undefined || value === "") return undefined;
  const date = parseOrderDate(value);
  if (!date) errors.push({ field: name, message: `${name} must be a date such as 2024-05-31 or 2024-05-31T14:30:00Z.` });
  return date;
}

export function registerExport(app: FastifyInstance, orders: OrderService): void {
  app.get<{ Querystring: Query }>(ORDERS_CSV_PATH, async (request, reply) => {
    const authentication = request.authentication;
    if (!authentication?.ok || !canRead(authentication.caller)) {
      return reply.code(403).send(callerErrorBody(ErrorCode.forbidden, "Exporting orders needs the Orders.Read role.", request.id));
    }
    const query = request.query;
    const errors: InputFieldError[] = [];
    const sort = (query.sort || "ORDER_DATE_DESC") as OrderSortOrder;
    if (!ORDER_SORT_ORDERS.includes(sort)) errors.push({ field: "sort", message: `sort must be ${ORDER_SORT_ORDERS.join(" or ")}.` });
    const orderDateFrom = readDate("orderDateFrom", query.orderDateFrom, errors);
    const orderDateTo = readDate("orderDateTo", query.orderDateTo, errors);
    const text = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);
    const filter = {
      ...(text(query.userId) ? { userId: query.userId } : {}),
      ...(text(query.storeCode) ? { storeCode: query.storeCode } : {}),
      ...(text(query.search) ? { search: query.search } : {}),
      ...(orderDateFrom ? { orderDateFrom } : {}),
      ...(orderDateTo ? { orderDateTo } : {}),
    };
    const batches = orders.everyOrder(sort, filter);
    let first: IteratorResult<OrderView[]>;
    try {
      if (errors.length > 0) throw InvalidInputError.forFields("The export", errors);
      // The first page before any byte is sent: a bad filter is still a clean 400.
      first = await batches.next();
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return reply.code(400).send(callerErrorBody(ErrorCode.badUserInput, error.message, request.id, { fieldErrors: error.fieldErrors }));
    }
    async function* lines(): AsyncGenerator<string> {
      yield csvLine(CSV_HEADER);
      for (let batch = first; !batch.done; batch = await batches.next()) yield batch.value.map(orderCsvLine).join("");
    }
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="orders-${day}.csv"`)
      .header("cache-control", "no-store")
      .send(Readable.from(lines(), { objectMode: false }));
  });
}
