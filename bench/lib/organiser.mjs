// Shared by the benchmarks' clients: the "Cookie" header of a response's Set-Cookie lines, and the first organiser
// created through the one-time setup link the app printed (a form with its antiforgery token), signed in.

/** The cookies a response sets, as one "Cookie" request header. */
export const cookieOf = (res) => (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");

/** Creates the organiser "bench" through setupLink; returns the signed-in session's Cookie header. */
export async function organiserCookie(setupLink) {
  const page = await fetch(setupLink);
  const html = await page.text();
  const token = html.match(/name="__RequestVerificationToken" type="hidden" value="([^"]+)"/)?.[1]
    ?? html.match(/name="__RequestVerificationToken" value="([^"]+)"/)?.[1];
  if (!token) throw new Error("no antiforgery token on the setup page");
  const body = new URLSearchParams({ UserName: "bench", DisplayName: "压测", Password: "bench-password-123", __RequestVerificationToken: token });
  const res = await fetch(setupLink, { method: "POST", body, redirect: "manual", headers: { cookie: cookieOf(page) } });
  const cookie = cookieOf(res);
  if (!cookie.includes("judging.auth")) throw new Error(`setup failed: ${res.status}`);
  return cookie;
}
