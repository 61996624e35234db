import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { checkOrderField } from "../../../server/core/order-rules.js";
import { localIso } from "../format.js";
import { errorOf, fillValidOrder, input, leave, NOW, setup, submitButton, type, UUID } from "./form-test-setup.js";

afterEach(cleanup);

describe("AddOrderForm: validation as staff type", () => {
  it("has a labelled input of the right kind for each field, Date UUID optional with a note", () => {
    setup();
    expect(input("Order date").type).toBe("datetime-local");
    expect(input("Shipping date").type).toBe("date");
    expect(input("Quantity").type).toBe("number");
    const uuid = input("Date UUID");
    expect(uuid.required).toBe(false);
    expect(screen.getByText("(optional)")).toBeTruthy();
    expect(document.getElementById(uuid.getAttribute("aria-describedby")!)?.textContent).toMatch(/generated/);
    expect(document.getElementById(uuid.getAttribute("aria-describedby")!)?.textContent).toMatch(/retry .* storing the order twice/);
    for (const label of ["User ID", "Card number", "Store code", "Product code", "Quantity", "Order date", "Shipping date"]) {
      expect(input(label).required).toBe(true);
      expect(input(label).getAttribute("aria-invalid")).toBe("false");
    }
  });

  it("shows the shared rules' message beside a field once it is left, and ties it to the field", () => {
    setup();
    const card = type("Card number", "4242 4242 4242 4241");
    expect(errorOf(card)).toBeUndefined();
    leave(card);
    const expected = checkOrderField("cardNumber", { cardNumber: "4242 4242 4242 4241" }, NOW);
    expect(expected).toMatch(/not valid/);
    expect(errorOf(card)).toBe(expected);
    expect(card.getAttribute("aria-invalid")).toBe("true");
    expect(card.closest(".field")?.textContent).toContain(expected!);
  });

  it("updates a shown error on every key and clears it when the field is right", () => {
    setup();
    const quantity = type("Quantity", "0");
    leave(quantity);
    expect(errorOf(quantity)).toBe("Quantity must be from 1 to 10,000.");
    type("Quantity", "2.5");
    expect(errorOf(quantity)).toBe("Quantity must be a whole number.");
    type("Quantity", "2");
    expect(errorOf(quantity)).toBeUndefined();
    expect(quantity.getAttribute("aria-invalid")).toBe("false");
  });

  it("does not scold a field that was only passed through", () => {
    setup();
    leave(input("User ID"));
    expect(errorOf(input("User ID"))).toBeUndefined();
  });

  it("opens with a fresh Date UUID and the order date at now, in this computer's time zone", () => {
    setup();
    expect(input("Date UUID").value).toMatch(UUID);
    expect(input("Order date").value).toBe(localIso(NOW).slice(0, 16));
  });

  it("re-checks the shipping date when the order date changes", () => {
    setup();
    type("Order date", "2024-05-10T09:00");
    const shipping = type("Shipping date", "2024-05-03");
    leave(shipping);
    expect(errorOf(shipping)).toBe("Shipping date must be on or after the order date.");
    type("Order date", "2024-05-01T09:00");
    expect(errorOf(shipping)).toBeUndefined();
    // Shipped the day it was taken, late in the evening: that is on or after the order date.
    type("Order date", "2024-05-03T23:30");
    expect(errorOf(shipping)).toBeUndefined();
  });

  it("on submit shows every problem, focuses the first, and sends nothing", async () => {
    const { fetch } = setup();
    type("Card number", "1234");
    type("Order date", "");
    fireEvent.click(submitButton());
    await waitFor(() => expect(document.activeElement).toBe(input("User ID")));
    expect(errorOf(input("User ID"))).toBe("Enter the user ID.");
    expect(errorOf(input("Card number"))).toBe("Card number must have 12 to 19 digits (it has 4).");
    expect(errorOf(input("Order date"))).toBe("Enter the order date.");
    expect(errorOf(input("Date UUID"))).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("focuses the first field in error in screen order", async () => {
    setup();
    fillValidOrder();
    type("Shipping date", "2024-04-01");
    type("Store code", " ");
    fireEvent.click(submitButton());
    await waitFor(() => expect(document.activeElement).toBe(input("Store code")));
    expect(errorOf(input("Shipping date"))).toMatch(/on or after the order date/);
  });
});
