export function relayChannelPath(channelId: string, suffix = ""): string {
  return `/api/relay/channels/${encodeURIComponent(channelId)}${suffix}`;
}
