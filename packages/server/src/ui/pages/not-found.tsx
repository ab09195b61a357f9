import { Layout } from "../layout.js";
import type { Session } from "../session-store.js";

export function NotFoundPage(props: { session?: Session | undefined; what?: string }) {
  return (
    <Layout title="Not found" session={props.session}>
      <h1>{props.what ?? "Page"} not found</h1>
      <p>
        It does not exist, or it is not yours. <a href="/settings/webhooks">Back to your webhooks</a>
      </p>
    </Layout>
  );
}
