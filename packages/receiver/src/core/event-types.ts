import type { KnownScope, WebhookPayload, WebhookPayloadComment, WebhookPayloadDiscussion } from "@hubhooks/schemas";
import type { SCOPE_ACTIONS } from "./event-names.js";
import type { WebhookContext } from "./types.js";

type ActionsOf<S extends KnownScope> = (typeof SCOPE_ACTIONS)[S][number];
type ScopeAction = { [S in KnownScope]: `${S}.${ActionsOf<S>}` }[KnownScope];

/**
 * Every name `on()` knows: "*", a scope ("repo.content"), or a scope and one of its documented actions
 * ("discussion.comment.create").
 */
export type KnownEventName = "*" | KnownScope | ScopeAction;

declare const futureScope: unique symbol;
/** A name outside `KnownEventName` (a scope the Hub adds later), made with `customEvent("repo.config.dois")`. */
export type CustomEventName = string & { readonly [futureScope]: true };

/** The scope a name listens to; for "*", any. */
type ScopeOf<E extends KnownEventName> = E extends "*"
  ? string
  : E extends KnownScope
    ? E
    : { [S in KnownScope]: E extends `${S}.${ActionsOf<S>}` ? S : never }[KnownScope];

type ActionIn<E extends KnownEventName> = {
  [S in KnownScope]: E extends `${S}.${infer A extends ActionsOf<S>}` ? A : never;
}[KnownScope];
/** The action a name listens to; for a scope or "*", any. */
type ActionOf<E extends KnownEventName> = [ActionIn<E>] extends [never] ? string : ActionIn<E>;

/** What the Hub always sends for a scope (reference §5.3): discussions carry `discussion`, comments `comment` too. */
type ScopeFields<S> = S extends "discussion.comment"
  ? { discussion: WebhookPayloadDiscussion; comment: WebhookPayloadComment }
  : S extends "discussion"
    ? { discussion: WebhookPayloadDiscussion }
    : S extends "repo.config"
      ? { updatedConfig: Record<string, unknown> }
      : unknown;

/**
 * The payload a handler of `E` receives. `event.scope` is the scope, or a narrower one the Hub added later (the
 * forward-compatibility rule dispatches "repo.config.dois" to "repo.config"); `context.event` is the dispatched one.
 */
export type PayloadFor<E extends KnownEventName> = E extends "*"
  ? WebhookPayload
  : WebhookPayload & {
      event: { scope: ScopeOf<E> | `${ScopeOf<E>}.${string}`; action: string };
    } & ScopeFields<ScopeOf<E>>;

/** The context a handler of `E` receives: `event` is exactly the scope and action it was dispatched under. */
export type ContextFor<E extends KnownEventName> = WebhookContext & {
  event: { scope: ScopeOf<E>; action: ActionOf<E> };
};

export type EventHandler<E extends KnownEventName> = (payload: PayloadFor<E>, context: ContextFor<E>) => unknown;
