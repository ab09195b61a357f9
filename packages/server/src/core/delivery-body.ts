/** Adds `"webhook": {id, version: 3}` to the serialized base without serializing the payload again. */
export function withWebhookBlock(baseJson: string, webhookId: string): string {
  return `${baseJson.slice(0, -1)},"webhook":{"id":"${webhookId}","version":3}}`;
}

/**
 * The exact body of a delivery: the event's shared payload with this webhook's block spliced in, or, for rows
 * written before payloads were stored once per event, the body stored on the delivery itself.
 */
export function deliveryBody(stored: string, eventPayload: string | null | undefined, webhookId: string): string {
  if (stored !== "") return stored;
  if (eventPayload == null) throw new Error("the event of this delivery has no payload");
  return withWebhookBlock(eventPayload, webhookId);
}
