/** The add-order form under test: the real urql client over a scripted fetch, and the staff's moves. */
import { fireEvent, render, screen } from "@testing-library/preact";
import { Client, fetchExchange, Provider } from "@urql/preact";
import { vi } from "vitest";
import { AddOrderForm } from "./AddOrderForm.js";

export const NOW = new Date("2024-06-01T12:00:00Z");
const now = () => NOW;

export interface Sent {
  method: string;
  headers: Record<string, string>;
  body: { query: string; variables: { input: Record<string, unknown> } };
}

/** Each request gets the next answer (or waits for one). */
export function setup(answers: Array<Response | Promise<Response> | Error> = []) {
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
  const onView = vi.fn();
  render(
    <Provider value={client}>
      <AddOrderForm onAdded={onAdded} onView={onView} now={now} />
    </Provider>,
  );
  return { sent, fetch, onAdded, onView };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/graphql-response+json" } });
}

export const stored = {
  data: { addOrder: { __typename: "Order", id: "b3JkZXI", dateUuid: "0f8fad5b-d9cb-469f-a165-70867728950e", userId: "user-1", orderDate: "2024-05-01T00:00:00.000Z", addedBy: null } },
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const input = (label: string) => screen.getByLabelText(label, { exact: false }) as HTMLInputElement;
export const submitButton = () => screen.getByRole("button", { name: /Add order|Adding/ }) as HTMLButtonElement;

export function type(label: string, value: string): HTMLInputElement {
  const field = input(label);
  fireEvent.input(field, { target: { value } });
  return field;
}

export function leave(field: HTMLInputElement): void {
  fireEvent.blur(field);
}

export function errorOf(field: HTMLInputElement): string | undefined {
  const ids = field.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id)).find((element) => element?.classList.contains("field__error"))?.textContent?.replace("⚠ ", "");
}

/** A valid order taken on the morning of 1 May (in this computer's time zone), shipped on the 3rd. */
export const ORDER_TAKEN = "2024-05-01T09:30";

export function fillValidOrder(): void {
  type("User ID", "user-1");
  type("Card number", "4242 4242 4242 4242");
  type("Store code", "WEB-1388012W");
  type("Product code", "R7-3126933h");
  type("Quantity", "3");
  type("Order date", ORDER_TAKEN);
  type("Shipping date", "2024-05-03");
}
