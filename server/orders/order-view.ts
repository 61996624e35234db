import { cardLast4, maskCardNumber } from "../core/card-number.js";
import type { OrderRecord } from "../core/order.js";
import { encodeOrderId } from "./order-id.js";
import type { RecordedAddition } from "./order-store.js";

/**
 * An order as callers see it: the stored fields, plus what is derived from them. The derived
 * fields are getters, worked out only when a caller asks for them (a page holds 25 to 100 rows).
 * The stored card number stays on the object for the service's own comparisons; no API field
 * returns it, only its last four digits or its masked form.
 */
export class OrderView implements OrderRecord {
  dateUuid: string;
  userId: string;
  cardNumber: string | null;
  storeCode: string | null;
  productCode: string | null;
  productQuantity: number | null;
  orderDate: Date | null;
  shippingDate: Date | null;
  /**
   * Who added it through the API, when already known (the order was just added): null for an
   * order added before that was recorded; undefined when not yet looked up (a list's rows).
   */
  addition?: RecordedAddition | null;

  constructor(record: OrderRecord, addition?: RecordedAddition | null) {
    this.dateUuid = record.dateUuid;
    this.userId = record.userId;
    this.cardNumber = record.cardNumber;
    this.storeCode = record.storeCode;
    this.productCode = record.productCode;
    this.productQuantity = record.productQuantity;
    this.orderDate = record.orderDate;
    this.shippingDate = record.shippingDate;
    if (addition !== undefined) this.addition = addition;
  }

  /** Opaque and stable: the key, encoded. */
  get id(): string {
    return encodeOrderId(this);
  }

  get cardLast4(): string | null {
    return cardLast4(this.cardNumber);
  }

  get cardNumberMasked(): string | null {
    return maskCardNumber(this.cardNumber);
  }
}
