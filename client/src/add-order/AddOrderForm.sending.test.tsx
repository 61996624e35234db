import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { errorOf, fillValidOrder, input, json, ORDER_TAKEN, setup, stored, submitButton, type, UUID } from "./form-test-setup.js";

afterEach(cleanup);

describe("AddOrderForm: sending", () => {
  it("sends the normalised order as a JSON POST, says so on success, clears the form for another and focuses its start", async () => {
    const { sent, onAdded, onView } = setup([json(stored)]);
    fillValidOrder();
    const dateUuid = input("Date UUID").value;
    fireEvent.click(submitButton());
    await screen.findByText(/Order added/);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("POST");
    expect(sent[0]!.headers["content-type"]).toBe("application/json");
    expect(sent[0]!.body.variables.input).toEqual({
      userId: "user-1",
      cardNumber: "4242424242424242",
      storeCode: "WEB-1388012W",
      productCode: "R7-3126933h",
      productQuantity: 3,
      // The moment on this computer's clock, in ISO 8601 with its zone; the shipping date a calendar date.
      orderDate: new Date(ORDER_TAKEN).toISOString(),
      shippingDate: "2024-05-03T00:00:00.000Z",
      dateUuid,
    });
    expect(screen.getByRole("status").textContent).toContain("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(onAdded).toHaveBeenCalledWith(expect.objectContaining({ id: "b3JkZXI" }));
    for (const label of ["User ID", "Card number", "Product code", "Quantity"]) expect(input(label).value).toBe("");
    // Add another: the store and the dates stay; the next act of adding has a Date UUID of its own.
    expect([input("Store code").value, input("Order date").value, input("Shipping date").value]).toEqual(["WEB-1388012W", ORDER_TAKEN, "2024-05-03"]);
    expect(input("Date UUID").value).toMatch(UUID);
    expect(input("Date UUID").value).not.toBe(dateUuid);
    expect(document.activeElement).toBe(input("User ID"));
    fireEvent.click(screen.getByRole("button", { name: "View order" }));
    expect(onView).toHaveBeenCalledWith("b3JkZXI");
  });

  it("sends the same Date UUID with every retry of one order, and a new one for the next order", async () => {
    const { sent } = setup([new TypeError("Failed to fetch"), json(stored), json(stored)]);
    fillValidOrder();
    fireEvent.click(submitButton());
    await screen.findByRole("alert");
    fireEvent.click(submitButton());
    await screen.findByText(/Order added/);
    fillValidOrder();
    fireEvent.click(submitButton());
    await waitFor(() => expect(sent).toHaveLength(3));
    const keys = sent.map((request) => request.body.variables.input.dateUuid);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toMatch(UUID);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("sends one request however often the button is clicked, and disables it meanwhile", async () => {
    let answer!: (response: Response) => void;
    const { fetch } = setup([new Promise<Response>((resolve) => (answer = resolve))]);
    fillValidOrder();
    fireEvent.click(submitButton());
    fireEvent.click(submitButton());
    fireEvent.submit(submitButton().form!);
    await waitFor(() => expect(submitButton().disabled).toBe(true));
    expect(submitButton().textContent).toBe("Adding…");
    fireEvent.click(submitButton());
    answer(json(stored));
    await screen.findByText(/Order added/);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(submitButton().disabled).toBe(false);
  });

  it("puts the server's per-field errors (HTTP 400 included) beside the same fields and focuses the first", async () => {
    setup([
      json(
        {
          errors: [
            {
              message: "The order has invalid fields (cardNumber, orderDate): see extensions.fieldErrors.",
              extensions: {
                code: "BAD_USER_INPUT",
                requestId: "req-42",
                fieldErrors: [
                  { field: "orderDate", message: "Order date must not be more than one day in the future." },
                  { field: "cardNumber", message: "Card number is not valid: one of its digits is probably mistyped." },
                ],
              },
            },
          ],
        },
        400,
      ),
    ]);
    fillValidOrder();
    fireEvent.click(submitButton());
    await waitFor(() => expect(document.activeElement).toBe(input("Card number")));
    expect(errorOf(input("Card number"))).toBe("Card number is not valid: one of its digits is probably mistyped.");
    expect(errorOf(input("Order date"))).toBe("Order date must not be more than one day in the future.");
    expect(input("User ID").value).toBe("user-1");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows ORDER_EXISTS beside the Date UUID", async () => {
    setup([
      json({
        data: null,
        errors: [
          {
            message: "An order with this date UUID and user ID exists with other details.",
            extensions: { code: "ORDER_EXISTS", requestId: "req-7", fieldErrors: [{ field: "dateUuid", message: "This date UUID is taken by another order." }] },
          },
        ],
      }),
    ]);
    fillValidOrder();
    type("Date UUID", "0f8fad5b-d9cb-469f-a165-70867728950e");
    fireEvent.click(submitButton());
    await waitFor(() => expect(document.activeElement).toBe(input("Date UUID")));
    expect(errorOf(input("Date UUID"))).toBe("This date UUID is taken by another order.");
  });

  it("keeps what was typed and shows the request id when the server fails", async () => {
    setup([
      json({
        data: null,
        errors: [{ message: "Something went wrong on our side.", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-99" } }],
      }),
    ]);
    fillValidOrder();
    fireEvent.click(submitButton());
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The order was not added. Something went wrong on our side.");
    expect(alert.textContent).toContain("req-99");
    expect(alert.textContent).not.toMatch(/extensions/);
    expect(document.activeElement).toBe(alert);
    expect(input("Card number").value).toBe("4242 4242 4242 4242");
  });

  it("says the service cannot be reached when the request gets no answer", async () => {
    setup([new TypeError("Failed to fetch")]);
    fillValidOrder();
    fireEvent.click(submitButton());
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/cannot be reached/);
    expect(submitButton().disabled).toBe(false);
  });
});
