import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { AddOrderPanelProps } from "./add-order/AddOrderPanel.js";
import type { OrderDetailsProps } from "./details/OrderDetails.js";
import { loadSession, type Session, signOut } from "./api/session.js";
import { warmFormats } from "./format.js";
import { useListState } from "./list/use-list-state.js";
import { OrderList } from "./list/OrderList.js";

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = (): void => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

/** Who is signed in (from /auth/me); undefined until it is known. */
function useSession(): Session | undefined {
  const [session, setSession] = useState<Session>();
  useEffect(() => {
    loadSession().then(setSession, () => undefined);
  }, []);
  return session;
}

type Lazy<P> = (props: P) => JSX.Element;

/**
 * A part of the page in its own chunk, fetched once (again after a failure): the add-order form
 * (with the shared rules) and an order's details, so that the list's first page loads less
 * script. Each is fetched as soon as staff show they want it (pointer over or focus on the
 * button or the rows), usually before the click.
 */
function lazy<P>(load: () => Promise<Lazy<P>>): () => Promise<Lazy<P>> {
  let pending: Promise<Lazy<P>> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

const loadForm = lazy(() => import("./add-order/AddOrderPanel.js").then((module) => module.AddOrderPanel));
const loadDetails = lazy(() => import("./details/OrderDetails.js").then((module) => module.OrderDetails));
const prefetch = (load: () => Promise<unknown>) => (): void => void load().catch(() => undefined);

function useLazy<P>(load: () => Promise<Lazy<P>>, wanted: boolean): { Part?: Lazy<P>; failed: boolean } {
  const [state, setState] = useState<{ Part?: Lazy<P>; failed: boolean }>({ failed: false });
  useEffect(() => {
    if (!wanted || state.Part) return;
    let current = true;
    load().then(
      (Part) => current && setState({ Part, failed: false }),
      () => current && setState({ failed: true }),
    );
    return () => {
      current = false;
    };
  }, [wanted, state.Part]);
  return state;
}

function LoadFailed({ what }: { what: string }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>{what} could not be loaded: the connection dropped, or a new version of Orders was released.</p>
      <p class="notice__actions">
        <button type="button" class="button button--primary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </p>
    </div>
  );
}

export function App() {
  const [state, navigate] = useListState();
  const [adding, setAdding] = useState(false);
  const [addedId, setAddedId] = useState<string | undefined>();
  const online = useOnline();
  const session = useSession();
  const toggle = useRef<HTMLButtonElement>(null);
  const { Part: Panel, failed } = useLazy<AddOrderPanelProps>(loadForm, adding);
  const { Part: Details, failed: detailsFailed } = useLazy<OrderDetailsProps>(loadDetails, state.order !== undefined);
  // Opened here (a history entry of its own): closing goes back to it; opened from a link: closing stays on this entry.
  const pushedOrder = useRef(false);
  const openOrder = (order: string): void => {
    pushedOrder.current = true;
    navigate({ ...state, order });
  };
  const closeOrder = (): void => {
    if (pushedOrder.current) window.history.back();
    else navigate({ ...state, order: undefined }, true);
    pushedOrder.current = false;
  };
  // Runs after the list's query has gone out (children's effects run first): the date and
  // number formats are ready by the time the rows arrive.
  useEffect(() => {
    const timer = setTimeout(warmFormats);
    return () => clearTimeout(timer);
  }, []);

  return (
    <>
      <header class="header">
        <h1 class="header__title">Orders</h1>
        {session?.canWrite && (
          <button
            ref={toggle}
            type="button"
            class="button button--primary"
            aria-expanded={adding ? "true" : "false"}
            aria-controls="add-order"
            onPointerEnter={prefetch(loadForm)}
            onFocus={prefetch(loadForm)}
            onClick={() => setAdding((open) => !open)}
          >
            {adding ? "Hide the form" : "Add order"}
          </button>
        )}
        {session && (
          <div class="header__account">
            <span class="header__name">{session.name}</span>
            {session.signIn === "oidc" && (
              <button type="button" class="button" onClick={() => void signOut()}>
                Sign out
              </button>
            )}
          </div>
        )}
      </header>
      <main class="main">
        {session?.signIn === "off" && (
          <p class="notice notice--warning" role="status">
            Sign-in is off (AUTH_MODE=off): anyone who can reach this server can read and add orders. For development only.
          </p>
        )}
        {session && !session.canRead && (
          <p class="notice notice--error" role="alert">
            {session.name} is signed in but may not see orders: ask whoever manages Orders' access for the Orders.Read role.
          </p>
        )}
        {!online && (
          <p class="notice notice--warning" role="status">
            This computer is offline: what you see may be out of date, and new orders cannot be sent until it is back online.
          </p>
        )}
        {adding && session?.canWrite && Panel && (
          <Panel
            onAdded={(order) => setAddedId(order.id)}
            onView={openOrder}
            onClose={() => {
              setAdding(false);
              toggle.current?.focus();
            }}
          />
        )}
        {adding && !Panel && (
          <section id="add-order" class="panel" aria-label="Add order" aria-busy={failed ? "false" : "true"}>
            {failed ? (
              <LoadFailed what="The form" />
            ) : (
              <p class="panel__loading">Loading the form…</p>
            )}
          </section>
        )}
        {state.order && detailsFailed && <LoadFailed what="The order's details" />}
        {state.order && Details && <Details id={state.order} onClose={closeOrder} />}
        <OrderList state={state} navigate={navigate} highlightId={addedId} onOpen={openOrder} onRowIntent={prefetch(loadDetails)} />
      </main>
    </>
  );
}
