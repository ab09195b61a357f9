/** Routes always live under /webhooks/, as in huggingface_hub: "say_hello" and "/say_hello" → "/webhooks/say_hello". */
export function routePath(name: string): string {
  const trimmed = name.replace(/^\/+|\/+$/g, "");
  if (!/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(trimmed)) {
    throw new TypeError(`"${name}" is not a valid webhook path: use letters, digits, ".", "_", "~", "-" and "/"`);
  }
  return `/webhooks/${trimmed}`;
}
