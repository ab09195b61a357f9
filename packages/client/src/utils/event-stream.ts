import { type EventSourceMessage, EventSourceParserStream } from "eventsource-parser/stream";
import { HubConnectionError } from "../error.js";
import type { CredentialsParams } from "../types/public.js";
import { fetchOk, resolveAccessToken, resolveHubUrl } from "./hub-request.js";

/**
 * The server-sent events of `path` (a job's logs, a relay channel's listen stream), parsed by eventsource-parser,
 * until the stream ends or `signal` aborts. An error answer throws as any API call's does.
 */
export async function* eventStream(
  params: CredentialsParams & { signal?: AbortSignal | undefined },
  path: string,
  what: string,
): AsyncGenerator<EventSourceMessage> {
  const url = `${resolveHubUrl(params.hubUrl)}${path}`;
  const headers = { Authorization: `Bearer ${resolveAccessToken(params.accessToken)}`, Accept: "text/event-stream" };
  const init: RequestInit = { headers, redirect: "manual" };
  if (params.signal) init.signal = params.signal;
  const response = await fetchOk(params, url, init);
  if (!response.body) throw new HubConnectionError(url, new Error(`the ${what} has no body`));
  const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  yield* events as unknown as AsyncIterable<EventSourceMessage>;
}
