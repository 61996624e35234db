import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { Client, fetchExchange, Provider } from "@urql/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkOrderField } from "../../../server/core/order-rules.js";
import { AddOrderForm } from "./AddOrderForm.js";

afterEach(cleanup);

const NOW = new Date("2024-06-01T12:00:00Z");
const now = () => NOW;

interface Sent {
  method: string;
  headers: Record<string, string>;
  body: { query: string; variables: { input: Record<string, unknown> } };
}

/** The real urql client over a scripted fetch: each call gets the next answer (or waits for one). */
function setup(answers: Array<Response | Promise<Response> | Error> = []) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      method: init?.method ?? "GET",
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: JSON.parse(String(init?.body)),
    });
    const answer = answers.shift();
    if (!answer) throw new Error("no answer scripted for this request");
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const client = new Client({ url: "http://orders.test/graphql", exchanges: [fetchExchange], fetch, preferGetMethod: false });
  const onAdded = vi.fn();
  render(
    <Provider value={client}>
      <AddOrderForm onAdded={onAdded} now={now} />
    </Provider>,
  );
  return { sent, fetch, onAdded };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/graphql-response+json" } });
}

const stored = {
  data: { addOrder: { __typename: "Order", id: "b3JkZXI", dateUuid: "0f8fad5b-d9cb-469f-a165-70867728950e", userId: "user-1", orderDate: "2024-05-01T00:00:00.000Z", addedBy: null } },
};

const input = (label: string) => screen.getByLabelText(label, { exact: false }) as HTMLInputElement;
const submitButton = () => screen.getByRole("button", { name: /Add order|Adding/ }) as HTMLButtonElement;

function type(label: string, value: string): HTMLInputElement {
  const field = input(label);
  fireEvent.input(field, { target: { value } });
  return field;
}

function leave(field: HTMLInputElement): void {
  fireEvent.blur(field);
}

function errorOf(field: HTMLInputElement): string | undefined {
  const ids = field.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id)).find((element) => element?.classList.contains("field__error"))?.textContent?.replace("⚠ ", "");
}

function fillValidOrder(): void {
  type("User ID", "user-1");
  type("Card number", "4242 4242 4242 4242");
  type("Store code", "WEB-1388012W");
  type("Product code", "R7-3126933h");
  type("Quantity", "3");
  type("Order date", "2024-05-01");
  type("Shipping date", "2024-05-03");
}

describe("AddOrderForm: validation as staff type", () => {
  it("has a labelled input of the right kind for each field, Date UUID optional with a note", () => {
    setup();
    expect(input("Order date").type).toBe("date");
    expect(input("Shipping date").type).toBe("date");
    expect(input("Quantity").type).toBe("number");
    const uuid = input("Date UUID");
    expect(uuid.required).toBe(false);
    expect(screen.getByText("(optional)")).toBeTruthy();
    expect(document.getElementById(uuid.getAttribute("aria-describedby")!)?.textContent).toMatch(/generated/);
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

  it("re-checks the shipping date when the order date changes", () => {
    setup();
    type("Order date", "2024-05-10");
    const shipping = type("Shipping date", "2024-05-03");
    leave(shipping);
    expect(errorOf(shipping)).toBe("Shipping date must be on or after the order date.");
    type("Order date", "2024-05-01");
    expect(errorOf(shipping)).toBeUndefined();
  });

  it("on submit shows every problem, focuses the first, and sends nothing", async () => {
    const { fetch } = setup();
    type("Card number", "1234");
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

describe("AddOrderForm: sending", () => {
  it("sends the normalised order as a JSON POST, says so on success, clears the form and focuses its start", async () => {
    const { sent, onAdded } = setup([json(stored)]);
    fillValidOrder();
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
      orderDate: "2024-05-01T00:00:00.000Z",
      shippingDate: "2024-05-03T00:00:00.000Z",
    });
    expect(screen.getByRole("status").textContent).toContain("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(onAdded).toHaveBeenCalledWith(expect.objectContaining({ id: "b3JkZXI" }));
    for (const label of ["User ID", "Card number", "Quantity", "Order date"]) expect(input(label).value).toBe("");
    expect(document.activeElement).toBe(input("User ID"));
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
