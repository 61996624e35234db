import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { AddOrderPanelProps } from "./add-order/AddOrderPanel.js";
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

type Panel = (props: AddOrderPanelProps) => JSX.Element;

/**
 * The add-order form (with the shared rules) is its own chunk, so the list's first page loads
 * less script. It is fetched as soon as staff show they want it (pointer over or focus on the
 * button), usually before the click.
 */
let panelLoad: Promise<Panel> | undefined;
function loadPanel(): Promise<Panel> {
  panelLoad ??= import("./add-order/AddOrderPanel.js").then(
    (module) => module.AddOrderPanel,
    (error: unknown) => {
      panelLoad = undefined;
      throw error;
    },
  );
  return panelLoad;
}

function useAddOrderPanel(wanted: boolean): { Panel?: Panel; failed: boolean } {
  const [state, setState] = useState<{ Panel?: Panel; failed: boolean }>({ failed: false });
  useEffect(() => {
    if (!wanted || state.Panel) return;
    let current = true;
    loadPanel().then(
      (Panel) => current && setState({ Panel, failed: false }),
      () => current && setState({ failed: true }),
    );
    return () => {
      current = false;
    };
  }, [wanted, state.Panel]);
  return state;
}

export function App() {
  const [state, navigate] = useListState();
  const [adding, setAdding] = useState(false);
  const [addedId, setAddedId] = useState<string | undefined>();
  const online = useOnline();
  const session = useSession();
  const toggle = useRef<HTMLButtonElement>(null);
  const { Panel, failed } = useAddOrderPanel(adding);
  const prefetch = (): void => void loadPanel().catch(() => undefined);
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
            onPointerEnter={prefetch}
            onFocus={prefetch}
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
            onClose={() => {
              setAdding(false);
              toggle.current?.focus();
            }}
          />
        )}
        {adding && !Panel && (
          <section id="add-order" class="panel" aria-label="Add order" aria-busy={failed ? "false" : "true"}>
            {failed ? (
              <div class="notice notice--error" role="alert">
                <p>The form could not be loaded: the connection dropped, or a new version of Orders was released.</p>
                <p class="notice__actions">
                  <button type="button" class="button button--primary" onClick={() => window.location.reload()}>
                    Reload the page
                  </button>
                </p>
              </div>
            ) : (
              <p class="panel__loading">Loading the form…</p>
            )}
          </section>
        )}
        <OrderList state={state} navigate={navigate} highlightId={addedId} />
      </main>
    </>
  );
}
