import { useMutation } from "@urql/preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import {
  checkOrderField,
  ORDER_FIELD_LABELS,
  ORDER_FIELDS,
  ORDER_LIMITS,
  type OrderDraft,
  type OrderField,
  validateOrder,
} from "../../../server/core/order-rules.js";
import { type AddedOrder, type AddOrderInput, AddOrderMutation } from "../api/documents.js";
import { describeProblem } from "../api/problems.js";
import { TextField } from "../components/TextField.js";
import { formatDate, localIso } from "../format.js";
import { newDateUuid, shippingMoment } from "./order-dates.js";

/** The order the fields appear in on screen (and so the order focus looks for the first error): the optional one last. */
export const FORM_FIELDS: readonly OrderField[] = [...ORDER_FIELDS.filter((field) => field !== "dateUuid"), "dateUuid"];

type Values = Record<OrderField, string>;
type Errors = Partial<Record<OrderField, string>>;

const EMPTY: Values = {
  dateUuid: "",
  userId: "",
  cardNumber: "",
  storeCode: "",
  productCode: "",
  productQuantity: "",
  orderDate: "",
  shippingDate: "",
};

const HINTS: Partial<Record<OrderField, string>> = {
  cardNumber: "Spaces or dashes are fine. Only the last four digits are kept visible.",
  productQuantity: `${ORDER_LIMITS.quantityMin} to ${ORDER_LIMITS.quantityMax.toLocaleString("en")}.`,
  orderDate: "Now, unless you change it (this computer's time zone).",
  dateUuid: "A new one is generated when the form opens: it keeps a retry or a double click from storing the order twice.",
};

/**
 * A fresh form: a new Date UUID (the key of this one act of adding) and the order date set to
 * now. After an order is added, the store and the dates stay for the next one ("add another").
 */
function freshValues(now: Date, kept: Partial<Values> = {}): Values {
  return { ...EMPTY, orderDate: localIso(now).slice(0, 16), ...kept, dateUuid: newDateUuid() };
}

/** Rules that look at another field: a change to the order date can settle the shipping date. */
const DEPENDENTS: Partial<Record<OrderField, OrderField[]>> = { orderDate: ["shippingDate"] };

const isOrderField = (field: string): field is OrderField => (FORM_FIELDS as readonly string[]).includes(field);

export interface AddOrderFormProps {
  onAdded?(order: AddedOrder): void;
  /** "View order" after an order is added: show its details. */
  onView?(id: string): void;
  /** The clock the rules compare dates with (tests fix it). */
  now?: () => Date;
}

interface FormProblem {
  message: string;
  requestId?: string | undefined;
}

/**
 * Add order. Each field is checked with the server's own rules module as staff type (after
 * they first leave it, then on every key), everything again on submit; the server's per-field
 * answers land beside the same fields. One submission at a time, whatever the mouse does.
 */
export function AddOrderForm({ onAdded, onView, now = () => new Date() }: AddOrderFormProps) {
  const [values, setValues] = useState<Values>(() => freshValues(now()));
  const [errors, setErrors] = useState<Errors>({});
  // Fields whose errors are shown: once left after an edit, or after a submit.
  const [shown, setShown] = useState<ReadonlySet<OrderField>>(new Set());
  const [quantityUnreadable, setQuantityUnreadable] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [added, setAdded] = useState<AddedOrder | undefined>();
  const [formProblem, setFormProblem] = useState<FormProblem | undefined>();
  const [focusTarget, setFocusTarget] = useState<{ field?: OrderField; problem?: boolean } | undefined>();
  const inFlight = useRef(false);
  const edited = useRef(new Set<OrderField>());
  const inputs = useRef<Partial<Record<OrderField, HTMLInputElement | null>>>({});
  const problemRef = useRef<HTMLDivElement>(null);
  const [, addOrder] = useMutation(AddOrderMutation);

  // Focus moves as soon as the fields are drawn (a layout effect), before staff can type on.
  useLayoutEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.field) inputs.current[focusTarget.field]?.focus();
    else if (focusTarget.problem) problemRef.current?.focus();
    setFocusTarget(undefined);
  }, [focusTarget]);

  const draftOf = (next: Values, unreadable = quantityUnreadable): OrderDraft => {
    // datetime-local gives the staff's wall-clock time without a zone: as a Date it is that moment.
    const orderDate = next.orderDate && new Date(next.orderDate);
    return {
      ...next,
      orderDate: orderDate && !Number.isNaN(orderDate.getTime()) ? orderDate : next.orderDate,
      shippingDate: shippingMoment(next.shippingDate, orderDate || undefined) ?? next.shippingDate,
      // A number input reports "" for text it cannot read; the rules must see that it is not empty.
      productQuantity: unreadable ? next.productQuantity || "?" : next.productQuantity,
    };
  };

  const recheck = (fields: readonly OrderField[], next: Values, unreadable?: boolean): Errors => {
    const draft = draftOf(next, unreadable);
    const update: Errors = {};
    for (const field of fields) update[field] = checkOrderField(field, draft, now());
    return update;
  };

  const onInput = (field: OrderField, value: string, input: HTMLInputElement): void => {
    const next = { ...values, [field]: value };
    const unreadable = field === "productQuantity" ? input.validity.badInput : quantityUnreadable;
    edited.current.add(field);
    setValues(next);
    setQuantityUnreadable(unreadable);
    setAdded(undefined);
    const live = [field, ...(DEPENDENTS[field] ?? [])].filter((candidate) => shown.has(candidate));
    if (live.length > 0) setErrors((current) => ({ ...current, ...recheck(live, next, unreadable) }));
  };

  const onBlur = (field: OrderField): void => {
    if (!edited.current.has(field) || shown.has(field)) return;
    setShown((current) => new Set(current).add(field));
    setErrors((current) => ({ ...current, ...recheck([field], values) }));
  };

  const submit = async (): Promise<void> => {
    if (inFlight.current) return;
    setAdded(undefined);
    setFormProblem(undefined);
    setShown(new Set(FORM_FIELDS));
    const check = validateOrder(draftOf(values), now());
    if (!check.ok) {
      const found: Errors = {};
      for (const { field, message } of check.errors) found[field] = message;
      setErrors(found);
      setFocusTarget({ field: FORM_FIELDS.find((field) => found[field]) });
      return;
    }
    setErrors({});
    const order = check.order;
    const input: AddOrderInput = {
      userId: order.userId,
      cardNumber: order.cardNumber,
      storeCode: order.storeCode,
      productCode: order.productCode,
      productQuantity: order.productQuantity,
      orderDate: order.orderDate.toISOString(),
      shippingDate: order.shippingDate.toISOString(),
      ...(order.dateUuid ? { dateUuid: order.dateUuid } : {}),
    };
    inFlight.current = true;
    setSubmitting(true);
    try {
      const result = await addOrder({ input });
      if (result.data?.addOrder) {
        setValues(freshValues(now(), { storeCode: values.storeCode, orderDate: values.orderDate, shippingDate: values.shippingDate }));
        setShown(new Set());
        setQuantityUnreadable(false);
        edited.current.clear();
        setAdded(result.data.addOrder);
        setFocusTarget({ field: FORM_FIELDS[0] });
        onAdded?.(result.data.addOrder);
        return;
      }
      const problem = result.error
        ? describeProblem(result.error)
        : { message: "The server did not say whether the order was added.", fieldErrors: [] };
      const found: Errors = {};
      const elsewhere: string[] = [];
      for (const { field, message } of problem.fieldErrors) {
        if (isOrderField(field) && !found[field]) found[field] = message;
        else elsewhere.push(message);
      }
      setErrors(found);
      const first = FORM_FIELDS.find((field) => found[field]);
      if (!first || elsewhere.length > 0) {
        setFormProblem({
          message: first ? elsewhere.join(" ") : problem.message,
          requestId: problem.requestId,
        });
      }
      setFocusTarget(first ? { field: first } : { problem: true });
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const fieldProps = (field: OrderField) => ({
    id: `order-${field}`,
    label: ORDER_FIELD_LABELS[field],
    value: values[field],
    hint: HINTS[field],
    error: errors[field],
    required: field !== "dateUuid",
    inputRef: (element: HTMLInputElement | null) => {
      inputs.current[field] = element;
    },
    onInput: (value: string, input: HTMLInputElement) => onInput(field, value, input),
    onBlur: () => onBlur(field),
  });

  return (
    <form
      class="add-order"
      aria-labelledby="add-order-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div class="add-order__fields">
        <TextField {...fieldProps("userId")} />
        <TextField {...fieldProps("cardNumber")} inputMode="numeric" />
        <TextField {...fieldProps("storeCode")} />
        <TextField {...fieldProps("productCode")} />
        <TextField {...fieldProps("productQuantity")} type="number" min={String(ORDER_LIMITS.quantityMin)} max={String(ORDER_LIMITS.quantityMax)} />
        <TextField {...fieldProps("orderDate")} type="datetime-local" min={`${ORDER_LIMITS.earliestOrderDate}T00:00`} />
        <TextField {...fieldProps("shippingDate")} type="date" min={values.orderDate.slice(0, 10) || ORDER_LIMITS.earliestOrderDate} />
        <TextField {...fieldProps("dateUuid")} />
      </div>
      {formProblem && (
        <div class="notice notice--error" role="alert" tabIndex={-1} ref={problemRef}>
          <p>The order was not added. {formProblem.message}</p>
          {formProblem.requestId && (
            <p class="notice__detail">
              Request id: <code>{formProblem.requestId}</code>
            </p>
          )}
        </div>
      )}
      <div class="add-order__actions">
        <button type="submit" class="button button--primary" disabled={submitting}>
          {submitting ? "Adding…" : "Add order"}
        </button>
        <p class="add-order__status" role="status">
          {added && (
            <>
              Order added: <span class="mono">{added.dateUuid}</span> for user <span class="mono">{added.userId}</span>
              {added.orderDate ? `, ${formatDate(added.orderDate)}` : ""}
              {added.addedBy ? `, added by ${added.addedBy}` : ""}.{" "}
              {onView && (
                <button type="button" class="button button--small" onClick={() => onView(added.id)}>
                  View order
                </button>
              )}
            </>
          )}
        </p>
      </div>
    </form>
  );
}
