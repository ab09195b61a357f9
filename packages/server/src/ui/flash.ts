import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

const FLASH_COOKIE = "hubhooks_flash";

/** Post/redirect/get with the message in a short-lived cookie, so it shows once and not again on refresh. */
export function redirectWithFlash(c: Context, location: string, message: string): Response {
  setCookie(c, FLASH_COOKIE, message, { httpOnly: true, sameSite: "Lax", path: "/", maxAge: 60 });
  return c.redirect(location, 303);
}

/** The message of the redirect that led here, if any; reading it clears it. */
export function takeFlash(c: Context): string | undefined {
  const message = getCookie(c, FLASH_COOKIE);
  if (message === undefined) return undefined;
  deleteCookie(c, FLASH_COOKIE, { path: "/" });
  return message || undefined;
}
