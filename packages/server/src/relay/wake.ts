/**
 * Tells this process's listen streams that their channel has news (a new event, a replay). Streams of other
 * processes learn it from the notifier's PostgreSQL channel or their poll.
 */
export class RelayWake {
  readonly #listeners = new Map<string, Set<() => void>>();
  #closed = false;

  /** The server is stopping: listen streams end (their listeners reconnect to another process, or later). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves once every stream of this process has ended (or after `graceMs`). */
  async close(graceMs = 2_000): Promise<void> {
    this.#closed = true;
    for (const set of this.#listeners.values()) for (const listener of set) listener();
    const deadline = Date.now() + graceMs;
    while (this.#listeners.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }

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
