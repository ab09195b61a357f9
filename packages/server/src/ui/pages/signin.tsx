import { Layout } from "../layout.js";

export function SignInPage(props: { csrf: string; error?: string | undefined }) {
  return (
    <Layout title="Sign in">
      <h1>Sign in</h1>
      <form method="post" action="/signin" class="card">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <p class="muted">
          Paste an access token. <code>npm start</code> prints the <code>admin</code> token on first start;{" "}
          <code>hubhooks users token &lt;name&gt;</code> issues one for any user.
        </p>
        <label for="token">Access token</label>
        <input id="token" name="token" type="password" autocomplete="off" placeholder="hf_…" required autofocus />
        {props.error && (
          <p class="error" role="alert">
            {props.error}
          </p>
        )}
        <div class="actions">
          <button class="primary" type="submit">
            Sign in
          </button>
        </div>
      </form>
    </Layout>
  );
}
