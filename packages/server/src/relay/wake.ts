/**
 * Tells this process's listen streams that their channel has news (a new event, a replay). Streams of other
 * processes learn it from the notifier's PostgreSQL channel or their poll.
 */
export class RelayWake {
  readonly #listeners = new Map<string, Set<() => void>>();

  subscribe(channelId: string, listener: () => void): () => void {
    let set = this.#listeners.get(channelId);
    if (!set) {
      set = new Set();
      this.#listeners.set(channelId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(channelId);
    };
  }

  wake(channelId: string): void {
    for (const listener of this.#listeners.get(channelId) ?? []) listener();
  }

  /** How many streams of this process listen to the channel. */
  count(channelId: string): number {
    return this.#listeners.get(channelId)?.size ?? 0;
  }
}
