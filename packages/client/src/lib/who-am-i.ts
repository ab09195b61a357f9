import type { CredentialsParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";

export interface WhoAmI {
  /** The user's id: the `author.id` of every change made with this token, so a bot can ignore its own events. */
  id: string;
  name: string;
  type: "user";
  orgs: Array<{ id: string; name: string }>;
}

export async function whoAmI(params: CredentialsParams): Promise<WhoAmI> {
  const wire = await hubRequest<WhoAmI>(params, "GET", "/api/whoami-v2");
  return { id: wire.id, name: wire.name, type: "user", orgs: (wire.orgs ?? []).map(({ id, name }) => ({ id, name })) };
}
