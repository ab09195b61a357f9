const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The default `GET /` page: what this app is and where to point a webhook. */
export function landingPage(paths: readonly string[], publicUrl: string | undefined): string {
  const base = publicUrl ?? "";
  const routes = paths.length
    ? `<ul>${paths.map((path) => `<li><code>POST ${escapeHtml(base + path)}</code></li>`).join("")}</ul>`
    : "<p>No webhook is registered yet.</p>";
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
<h2>Point a webhook here</h2>
<p>On the Hub, open <a href="https://huggingface.co/settings/webhooks">your webhook settings</a>, add a webhook
and use one of the URLs above as its target, with the same secret as this app's <code>WEBHOOK_SECRET</code>.</p>
<p>With a local hubhooks server: <code>hubhooks webhooks create --watch user:you --url ${escapeHtml(base)}/webhooks/&lt;name&gt; --secret …</code>,
then <code>hubhooks trigger repo.content --repo you/some-model</code>.</p>
</body></html>`;
}
