import { checkSecret } from "./check-secret.js";

/** Checks a WHATWG Request's `X-Webhook-Secret` (or `?secret=`); throws a `WebhookError` with status 401 or 403. */
export function verifySecret(request: Request, secret: string | undefined): void {
  checkSecret(
    {
      header: (name) => request.headers.get(name) ?? undefined,
      querySecret: () => new URL(request.url).searchParams.get("secret") ?? undefined,
    },
    secret,
  );
}
