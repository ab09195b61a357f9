/**
 * What the bot says. The guide asks an LLM (Inference Providers); this example answers without one so it runs
 * offline. Swap this function for a model call.
 */
export function replyTo(comment: string, botName: string): string {
  const question = comment.replaceAll(`@${botName}`, "").trim() || "(nothing)";
  return `Hello! You asked: "${question.slice(0, 200)}". I am a bot running against a hubhooks sandbox.`;
}
