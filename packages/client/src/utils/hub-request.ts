import { createApiError, HubConnectionError } from "../error.js";
import type { CredentialsParams } from "../types/public.js";

const DEFAULT_HUB_URL = "https://huggingface.co";

function env(name: string): string | undefined {
  return globalThis.process?.env?.[name] || undefined;
}

/** The token to send: the given one, else HF_TOKEN; fails before any request when there is none. */
export function resolveAccessToken(accessToken: string | undefined): string {
  const token = accessToken ?? env("HF_TOKEN");
  if (!token) throw new TypeError("An access token is required: pass accessToken or set HF_TOKEN.");
  if (!token.startsWith("hf_")) throw new TypeError('Your access token must start with "hf_".');
  return token;
}

export function resolveHubUrl(hubUrl: string | undefined): string {
  return (hubUrl ?? env("HF_ENDPOINT") ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
}

/** Sends a request: an unreachable server throws HubConnectionError, a non-2xx answer a HubApiError. */
export async function fetchOk(params: CredentialsParams, url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await (params.fetch ?? fetch)(url, init);
  } catch (error) {
    throw new HubConnectionError(url, error);
  }
  if (!response.ok) throw await createApiError(response, url);
  return response;
}

/** One authenticated JSON call; non-2xx answers become a HubApiError carrying the server's message. */
export async function hubRequest<T>(
  params: CredentialsParams,
  method: string,
  path: string,
  body?: unknown,
  /** A body that is already text (e.g. NDJSON) goes as is, with this content type. */
  contentType = "application/json",
  /** Sees the answer's headers (e.g. a `Link` to the next page). */
  onHeaders?: (headers: Headers) => void,
): Promise<T> {
  const accessToken = resolveAccessToken(params.accessToken);
  const url = `${resolveHubUrl(params.hubUrl)}${path}`;
  const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}` };
  if (body !== undefined) headers["Content-Type"] = contentType;
  const init: RequestInit = { method, headers, redirect: "manual" };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await fetchOk(params, url, init);
  onHeaders?.(response.headers);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function webhookPath(webhookId: string, suffix = ""): string {
  return `/api/settings/webhooks/${encodeURIComponent(webhookId)}${suffix}`;
}
