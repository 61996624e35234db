import { Provider } from "@urql/preact";
import { render } from "preact";
import { createOrdersClient } from "./api/client.js";
import { fetchFirstPage } from "./api/first-page.js";
import { App } from "./App.js";
import { ordersVariables, parseListState } from "./list/list-state.js";
import "./styles.css";
import "./list.css";
import "./table.css";
import "./panels.css";

const client = createOrdersClient();
fetchFirstPage(client, ordersVariables(parseListState(new URLSearchParams(window.location.search))));

// In the next task: urql sends the request from a microtask, so it is on the wire before the
// first render and paint begin.
setTimeout(() =>
  render(
    <Provider value={client}>
      <App />
    </Provider>,
    document.getElementById("app")!,
  ),
);
