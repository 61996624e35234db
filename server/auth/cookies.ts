/** The two cookies the server sets, and the little of the Cookie header it needs to read. */

/** `__Host-`: the browser keeps it only if Secure, for this host alone, with Path=/ (no subdomain can set or read it). */
export const SESSION_COOKIE = "__Host-orders-session";
/** The sign-in under way (state, nonce, PKCE verifier, return path), sealed; lives ten minutes. */
export const SIGN_IN_COOKIE = "__Host-orders-sign-in";
export const SIGN_IN_MAX_AGE_SECONDS = 600;

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie value: HttpOnly (no script reads it), Secure, SameSite=Lax (not sent on cross-site POSTs). */
export function cookie(name: string, value: string, maxAgeSeconds?: number): string {
  return [`${name}=${value}`, "Path=/", "HttpOnly", "Secure", "SameSite=Lax", ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : [])].join("; ");
}

export function expiredCookie(name: string): string {
  return cookie(name, "", 0);
}
