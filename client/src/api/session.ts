import { AUTH_PATHS } from "../../../server/core/contracts.js";

/** Who is signed in, as /auth/me says; `signIn: "off"` on a development server without sign-in. */
export interface Session {
  name: string;
  roles: string[];
  canRead: boolean;
  canWrite: boolean;
  signIn: "oidc" | "off";
}

/** Through sign-in and back to this very page (the session ended, or never began). */
export function signInAgain(): never {
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`${AUTH_PATHS.login}?returnTo=${encodeURIComponent(here)}`);
  throw new Error("signing in again");
}

/** fetch, but a 401 (no session, or it ended) leads through sign-in instead of to an error. */
export const fetchSignedIn: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (response.status === 401) signInAgain();
  return response;
};

export async function loadSession(): Promise<Session> {
  const response = await fetchSignedIn(AUTH_PATHS.me, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${AUTH_PATHS.me} answered ${response.status}`);
  return (await response.json()) as Session;
}

/** Ends the session here and at the identity provider (the server says where to go next). */
export async function signOut(): Promise<void> {
  const response = await fetch(AUTH_PATHS.logout, { method: "POST", headers: { accept: "application/json" } });
  const { location } = (await response.json()) as { location: string };
  window.location.assign(location);
}
