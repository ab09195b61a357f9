/** Any non-2xx answer from the Hub (or a hubhooks server), with the server's own message. */
export class HubApiError extends Error {
  statusCode: number;
  url: string;
  requestId: string | undefined;
  data: unknown;

  constructor(url: string, statusCode: number, message: string, requestId?: string, data?: unknown) {
    super(message);
    this.name = "HubApiError";
    this.statusCode = statusCode;
    this.url = url;
    this.requestId = requestId;
    this.data = data;
  }
}

function messagesFromBody(data: unknown): string[] {
  if (typeof data === "string") return [data];
  if (!data || typeof data !== "object") return [];
  const body = data as { error?: unknown; error_description?: unknown; errors?: unknown };
  const messages: string[] = [];
  if (typeof body.error === "string") messages.push(body.error);
  if (Array.isArray(body.error)) messages.push(...body.error.filter((e): e is string => typeof e === "string"));
  if (typeof body.error_description === "string") messages.push(body.error_description);
  if (Array.isArray(body.errors)) {
    for (const error of body.errors) if (typeof error?.message === "string") messages.push(error.message);
  }
  return messages;
}

/** Builds the error from a failed response: X-Error-Message and the JSON `error`, never swallowing either. */
export async function createApiError(response: Response, requestUrl = response.url): Promise<HubApiError> {
  const text = await response.text().catch(() => "");
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: an HTML error page is noise, plain text is the message.
    if (/^\s*</.test(text)) data = undefined;
  }
  const header = response.headers.get("X-Error-Message");
  const messages = [...new Set([header, ...messagesFromBody(data)].filter((m): m is string => !!m?.trim()))];
  const requestId = response.headers.get("X-Request-Id") ?? response.headers.get("X-Amzn-Trace-Id") ?? undefined;
  const message = messages.length
    ? messages.map((m) => m.trim()).join("; ")
    : `${response.status} ${response.statusText || "error"}`.trim();
  return new HubApiError(response.url || requestUrl, response.status, message, requestId, data);
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found (DNS)",
  EAI_AGAIN: "DNS lookup failed",
  ETIMEDOUT: "timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_HEADERS_TIMEOUT: "no answer in time",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  CERT_HAS_EXPIRED: "TLS certificate expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed TLS certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS certificate does not match the host",
};

/** The server could not be reached at all (no HTTP answer): `url`, a readable `reason`, the original `cause`. */
export class HubConnectionError extends HubApiError {
  reason: string;
  code: string | undefined;

  constructor(url: string, cause: unknown) {
    const inner = (cause as { cause?: unknown })?.cause ?? cause;
    const code = (inner as { code?: string })?.code ?? (cause as { code?: string })?.code;
    const name = (cause as { name?: string })?.name;
    const reason =
      (code && REASONS[code]) ??
      (name === "TimeoutError" || name === "AbortError" ? "timed out" : undefined) ??
      ((inner as Error)?.message || "network error");
    super(url, 0, `could not reach ${url}: ${reason}${code ? ` (${code})` : ""}`);
    this.name = "HubConnectionError";
    this.reason = reason;
    this.code = code;
    this.cause = cause;
  }
}
