import type { LandingInfo } from "./types.js";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function secretSection({ secretSet, signingSecretSet }: LandingInfo): string {
  const secret = secretSet
    ? "<p><strong>A webhook secret is set</strong>: deliveries without it are refused (401, 403 when wrong).</p>"
    : "<p><strong>No webhook secret is set</strong>: anyone who knows these URLs can call them. Set " +
      "<code>WEBHOOK_SECRET</code> (on a Space: Settings → Variables and secrets → New secret).</p>";
  const signing = signingSecretSet
    ? "<p>A signing secret is set too: deliveries must carry a valid Standard Webhooks signature.</p>"
    : "";
  return secret + signing;
}

/** The default `GET /` page: what this app is, whether it is protected, and where to point a webhook. */
export function landingPage(info: LandingInfo): string {
  const { paths } = info;
  const base = info.url ?? "";
  const example = escapeHtml(`${base}${paths[0] ?? "/webhooks/<name>"}`);
  const routes = paths.length
    ? `<ul>${paths.map((path) => `<li><code>POST ${escapeHtml(base + path)}</code></li>`).join("")}</ul>`
    : "<p>No webhook is registered yet.</p>";
  const secretFlag = info.secretSet ? " --secret &lt;the same WEBHOOK_SECRET&gt;" : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Webhooks receiver</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}h1{font-size:1.6rem}</style></head>
<body>
<h1>This app processes Hugging Face Hub webhooks</h1>
<p>Webhooks notify this app when repos, discussions or comments change on the Hub — for the repos you watch,
or for every repo of the users and organizations you watch.</p>
<h2>${paths.length} webhook${paths.length === 1 ? " is" : "s are"} registered</h2>
${routes}
${secretSection(info)}
<h2>Point a webhook here</h2>
<p>On the Hub, open <a href="https://huggingface.co/settings/webhooks">your webhook settings</a>, add a webhook
and use one of the URLs above as its target, with the same secret as this app's <code>WEBHOOK_SECRET</code>.</p>
<p>From a terminal: <code>npx hubhooks webhooks create --watch dataset:you/some-data --url ${example}${secretFlag}</code>
(with <code>HF_TOKEN</code> set; <code>HF_ENDPOINT</code> names a hubhooks server instead of the Hub), then
<code>npx hubhooks trigger repo.content --repo you/some-data</code> against a hubhooks server.</p>
</body></html>`;
}
