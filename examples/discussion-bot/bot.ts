// The Hub guide's discussion bot: when a new comment mentions the bot, it replies in the same discussion.
// Run it against a local `hubhooks serve` (see README.md) or the real Hub: it only needs HF_TOKEN (the bot's
// account), HF_ENDPOINT (where the Hub API is) and WEBHOOK_SECRET (the secret of the webhook that calls it).
import { whoAmI } from "@hubhooks/client";
import { type WebhookPayload, webhookEndpoint } from "@hubhooks/receiver";
import { replyTo } from "./reply.js";

const token = process.env.HF_TOKEN;
if (!token) throw new Error("Set HF_TOKEN to the bot account's access token");

// The bot's own id: every comment it posts comes back as an event whose comment.author.id is this.
const me = await whoAmI({ accessToken: token });
// A deliberately broken bot, to see the sandbox's loop guard stop it: it replies to everything, itself included.
const replyToEverything = process.env.REPLY_TO_EVERYTHING === "1";

webhookEndpoint(async function discussion_bot(payload: WebhookPayload) {
  const { event, comment, discussion } = payload;
  if (event.scope !== "discussion.comment" || event.action !== "create" || !comment || !discussion) {
    return { skipped: "not a new comment" };
  }
  if (!replyToEverything) {
    if (comment.author.id === me.id) return { skipped: "my own comment" };
    if (!comment.content?.includes(`@${me.name}`)) return { skipped: "not mentioned" };
  }
  // As in the guide: the reply goes to discussion.url.api + "/comment".
  const response = await fetch(`${discussion.url.api}/comment`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ comment: replyTo(comment.content ?? "", me.name) }),
  });
  if (!response.ok) {
    const reason = `${response.status}: ${(await response.text()).slice(0, 300)}`;
    console.error(`could not reply in ${discussion.url.web}: ${reason}`);
    return { error: reason };
  }
  console.log(`replied in ${discussion.url.web}`);
  return { replied: true };
});
