import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { Client, fetchExchange, Provider } from "@urql/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrderDetails } from "./OrderDetails.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ORDER = {
  __typename: "Order",
  id: "b3JkZXI",
  dateUuid: "0f8fad5b-d9cb-469f-a165-70867728950e",
  userId: "user-1",
  cardNumberMasked: "•••• •••• •••• 4242",
  storeCode: "WEB-1388012W",
  productCode: "R7-3126933h",
  productQuantity: 3,
  orderDate: "2024-05-31T00:00:00.000Z",
  shippingDate: "2024-06-02T00:00:00.000Z",
  addedBy: null,
  addedAt: null,
};

function show(answer: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(answer), { headers: { "content-type": "application/json" } }));
  const client = new Client({ url: "http://orders.test/graphql", exchanges: [fetchExchange], fetch, preferGetMethod: false });
  const onClose = vi.fn();
  render(
    <Provider value={client}>
      <OrderDetails id="b3JkZXI" onClose={onClose} />
    </Provider>,
  );
  return { onClose, fetch };
}

const value = (label: string) =>
  [...document.querySelectorAll(".details__field")].find((field) => field.querySelector("dt")?.textContent === label)?.querySelector("dd > span")?.textContent;

describe("OrderDetails", () => {
  it("shows every field of the order, a dash for who added it when nobody is known", async () => {
    show({ data: { order: ORDER } });
    await screen.findByText("user-1");
    expect(screen.getByRole("dialog", { hidden: true }).getAttribute("aria-labelledby")).toBe("details-heading");
    expect(value("Date UUID")).toBe(ORDER.dateUuid);
    expect(value("Card number")).toBe("•••• •••• •••• 4242");
    expect(value("Quantity")).toBe("3");
    expect(value("Order date")).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(ORDER.orderDate)));
    expect(value("Added by")).toBe("—");
    expect(value("Added at")).toBe("—");
    expect(value("Order id")).toBe("b3JkZXI");
  });

  it("copies each id with its own button and says so; says how to copy by hand when the browser refuses", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    show({ data: { order: ORDER } });
    await screen.findByText("user-1");
    const buttons = screen.getAllByRole("button", { name: /^Copy/, hidden: true });
    expect(buttons.map((button) => button.textContent)).toEqual(["Copy Date UUID", "Copy User ID", "Copy Order id"]);
    fireEvent.click(buttons[1]!);
    await screen.findByText("Copied");
    expect(writeText).toHaveBeenCalledWith("user-1");
    writeText.mockRejectedValueOnce(new Error("denied"));
    fireEvent.click(buttons[0]!);
    await screen.findByText("Not copied: select it and press Ctrl+C");
  });

  it("says plainly that no order has this id, whether the API found none or could not read the id", async () => {
    show({ data: { order: null } });
    await screen.findByText(/^No order has this id\./);
    cleanup();
    show({ data: null, errors: [{ message: "The order query has an invalid field (id): see extensions.fieldErrors.", extensions: { code: "BAD_USER_INPUT", fieldErrors: [{ field: "id", message: "id is not an order id this API made." }] } }] });
    await screen.findByText(/^No order has this id\./);
    expect(document.body.textContent).not.toMatch(/extensions|id is not/);
  });

  it("closes with its Close button", async () => {
    const { onClose } = show({ data: { order: ORDER } });
    fireEvent.click(screen.getByRole("button", { name: "Close", hidden: true }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });
});
