import type { Kysely } from "kysely";
import { isJobSourceOf, jobSpecsOf } from "../core/job-source.js";
import { jobTargetUrl, parseStoredSpec, sourceJobOf } from "../core/job-spec.js";
import type { Database } from "../store/schema.js";
import type { WebhookRecord } from "../webhooks/webhook-store.js";
import type { FormValues } from "./pages/form.js";
import type { JobChoice } from "./pages/target-fields.js";

const CHOICES = 100;

export const NO_SUCH_JOB = "No job of yours (or of your orgs') has that id: choose one of your jobs";

/** The form's values of a saved webhook: "Start a Job" with its source job, or "Send to URL". */
export function savedFormValues(webhook: WebhookRecord): FormValues {
  const source = sourceJobOf(webhook.url);
  return {
    target: source ? "job" : "url",
    url: source ? "" : webhook.url,
    jobId: source ?? "",
    watched: webhook.watched,
    domains: webhook.domains,
    secret: webhook.secret ?? "",
  };
}

/** The stored target of a valid form: its URL, or `job:<id>` for a job of the user's (or their orgs'). */
export async function formTarget(
  db: Kysely<Database>,
  accountId: string,
  body: { url?: string | undefined; jobSourceId?: string | undefined },
): Promise<string | undefined> {
  if (!body.jobSourceId) return body.url;
  return (await isJobSourceOf(db, accountId, body.jobSourceId)) ? jobTargetUrl(body.jobSourceId) : undefined;
}

/**
 * What "Start a Job" offers: the user's and their orgs' newest jobs; and, for a saved job webhook, the spec of
 * the job it clones, shown on its page.
 */
export async function jobFormProps(db: Kysely<Database>, accountId: string, savedUrl?: string) {
  const rows = await db
    .selectFrom("jobs")
    .select(["id", "owner_name", "spec", "stage"])
    .where((eb) =>
      eb.or([
        eb("owner_id", "=", accountId),
        eb("owner_id", "in", eb.selectFrom("org_members").select("org_id").where("user_id", "=", accountId)),
      ]),
    )
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(CHOICES)
    .execute();
  const jobs: JobChoice[] = rows.map((row) => ({
    id: row.id,
    namespace: row.owner_name,
    command: [...parseStoredSpec(row.spec).command, ...parseStoredSpec(row.spec).arguments],
    stage: row.stage,
  }));
  const source = savedUrl ? sourceJobOf(savedUrl) : undefined;
  const jobSpec = source ? (await jobSpecsOf(db, [source])).get(source) : undefined;
  return { jobs, jobSpec };
}
