import { useLayoutEffect, useRef } from "preact/hooks";
import type { AddedOrder } from "../api/documents.js";
import { AddOrderForm } from "./AddOrderForm.js";

export interface AddOrderPanelProps {
  onAdded(order: AddedOrder): void;
  /** "View order" after adding one: show its details. */
  onView(id: string): void;
  onClose(): void;
}

/** The add-order form in its panel above the list: it opens with focus on its first field; Escape closes it. */
export function AddOrderPanel({ onAdded, onView, onClose }: AddOrderPanelProps) {
  const panel = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    panel.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, []);
  return (
    <section
      id="add-order"
      ref={panel}
      class="panel"
      aria-labelledby="add-order-heading"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <div class="panel__header">
        <h2 id="add-order-heading">Add order</h2>
        <button type="button" class="button button--quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <AddOrderForm onAdded={onAdded} onView={onView} />
    </section>
  );
}
