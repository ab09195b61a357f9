/**
 * The one spelling of an event everywhere a person reads or types it (CLI, UI, receiver `on(…)`):
 * "scope.action", as `repo.content.update` or `discussion.comment.create` — the form of octokit's
 * `issues.opened` and Stripe's `customer.created`. The payload itself keeps the Hub's `{scope, action}`.
 */
export function eventName(event: { scope: string; action: string }): string {
  return `${event.scope}.${event.action}`;
}
