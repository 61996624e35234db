/**
 * Where to go after signing in: a path on this site only. Anything that could leave it
 * (`//evil.example`, `/\evil.example`, `https://…`, control characters) becomes the home page,
 * so /auth/login cannot be used to send staff to another site after a real sign-in.
 */
export function safeReturnPath(value: string | undefined | null): string {
  if (!value || value.length > 2_000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  // The URL parser has the last word: it must stay on a placeholder origin.
  const base = "https://orders.invalid";
  try {
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
