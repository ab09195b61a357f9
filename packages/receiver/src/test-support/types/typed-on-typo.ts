// Must NOT compile: each line below is an error the types catch.
import { WebhooksServer } from "@hubhooks/receiver";

const app = new WebhooksServer({ webhookSecret: "s" });
app.on("repo.contnet", (payload) => payload);
app.on("repo", (payload) => payload.comment.id);
app.on("discussion.comment.move", (payload) => payload);
app.on("repo.config.dois", (payload) => payload);
