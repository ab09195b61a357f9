import { type CreateWebhookBody, CreateWebhookBodySchema } from "@hubhooks/schemas";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { FormErrors, FormValues } from "./pages/form.js";

/** A posted form's fields as hono parses them (repeated names as arrays). */
export type Parsed = Record<string, string | File | Array<string | File>>;

const list = (value: Parsed[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item) =>
    typeof item === "string" ? item : "",
  );

/** The form as typed, so a page with errors shows exactly what the user entered. */
export function formValues(body: Parsed): FormValues {
  const types = list(body.watched_type);
  const names = list(body.watched_name);
  const url = list(body.url)[0]?.trim() ?? "";
  // "Start a Job" posts target=job and job_id; a URL of job:<id> (the form before the choice) means the same.
  const typedJob = /^job:([0-9a-f]{24})$/.exec(url)?.[1];
  const target = list(body.target)[0] === "job" || (list(body.target)[0] !== "url" && typedJob) ? "job" : "url";
  return {
    target,
    url,
    jobId: target === "job" ? list(body.job_id)[0]?.trim() || typedJob || "" : "",
    watched: types.map((type, i) => ({ type, name: (names[i] ?? "").trim() })).filter((row) => row.name !== ""),
    domains: list(body.domains),
    secret: list(body.secret)[0] ?? "",
  };
}

/** Validates with the API's own schema; errors are grouped by field for display next to it. */
export function validateForm(values: FormValues): { body: CreateWebhookBody } | { errors: FormErrors } {
  if (values.target === "job" && !/^[0-9a-f]{24}$/.test(values.jobId)) {
    return { errors: { job: "Choose the job to start a clone of on each event" } };
  }
  const result = CreateWebhookBodySchema.safeParse({
    ...(values.target === "job" ? { jobSourceId: values.jobId } : { url: values.url }),
    watched: values.watched,
    domains: values.domains,
    ...(values.secret && { secret: values.secret }),
  });
  if (result.success) return { body: result.data };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    const key = field === "url" || field === "watched" || field === "domains" || field === "secret" ? field : "form";
    if (errors[key] !== undefined) continue;
    errors[key] = formMessage(key, issue.message, values);
    if (key === "watched" && typeof issue.path[1] === "number") errors.watchedRow = issue.path[1];
  }
  return { errors };
}

/**
 * The API's messages say what the schema wants ("watched must contain at least one item"); the form says what to
 * do, in one voice.
 */
function formMessage(field: keyof FormErrors, message: string, values: FormValues): string {
  switch (field) {
    case "url":
      return values.url === ""
        ? "Enter the URL that receives the POST"
        : "Enter a full http:// or https:// URL, like https://example.com/webhook";
    case "watched": {
      if (values.watched.length === 0) return "Add at least one repo, user or org to watch";
      const name = /^"(.*)" is not a valid (\w+) name(?:: expected (.*))?$/.exec(message);
      if (name) return `Enter a valid ${name[2]} name${name[3] ? ` (${name[3]})` : ""} instead of "${name[1]}"`;
      if (/type must be/.test(message)) return "Choose model, dataset, space, user or org as the type";
      return `Fix the watched list: ${message}`;
    }
    case "domains":
      return "Choose at least one kind of event";
    case "secret":
      return /at most (\d+)/.test(message)
        ? `Use a secret of at most ${/at most (\d+)/.exec(message)?.[1]} characters`
        : `Fix the secret: ${message}`;
    default:
      return message;
  }
}

/** The posted form; a body that is not a form (broken multipart, wrong content type) is a 400, never a 500. */
export async function readForm(c: Context): Promise<Parsed> {
  const type = c.req.header("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new HTTPException(400, { message: "Expected a form (application/x-www-form-urlencoded)" });
  }
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw new HTTPException(400, { message: "Malformed form body" });
  }
}
