// Must compile (strict): the payload is narrowed per event name, and a future scope goes through customEvent.
import { customEvent, WebhooksServer } from "@hubhooks/receiver";

const app = new WebhooksServer({ webhookSecret: "s" });
app.on("discussion.comment", (payload, context) => {
  const content: string | null | undefined = payload.comment.content;
  const title: string = payload.discussion.title;
  const scope: "discussion.comment" = context.event.scope;
  return [content, title, scope];
});
app.on("discussion.comment.create", (payload, context) => {
  const action: "create" = context.event.action;
  return [payload.comment.id, action];
});
app.on("discussion", (payload) => payload.discussion.num);
app.on("repo.config", (payload) => payload.updatedConfig.private);
app.on("repo.content.update", (payload, { event }) => [payload.updatedRefs, event.action satisfies "update"]);
app.on("*", (payload) => payload.comment?.id);
app.on(customEvent("repo.config.dois"), (payload) => payload.event.scope);
