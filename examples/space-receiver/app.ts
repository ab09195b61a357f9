// A Hugging Face Space that receives Hub webhooks: the `trigger_training` example of huggingface_hub's webhooks
// guide, in TypeScript. The Dockerfile compiles it (npm run build) and runs `node dist/app.js` on port 7860.
import { type WebhookPayload, webhookEndpoint } from "@hubhooks/receiver";

// POST /webhooks/trigger_training. With the Space secret WEBHOOK_SECRET set, a delivery without that secret gets
// 401 and one with another secret 403, before its body is read; the payload is validated before this runs.
webhookEndpoint(async function trigger_training(payload: WebhookPayload) {
  const { event, repo } = payload;
  console.log(`${event.scope} ${event.action} on ${repo.type} ${repo.name}`);
  if (repo.type === "dataset" && event.action === "update") {
    // Trigger a training job if a dataset is updated
    console.log(`dataset ${repo.name} is now at ${repo.headSha}: start the training job here`);
  }
  return { ok: true };
});
