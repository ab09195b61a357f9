import type { WakeChannel } from "../store/wake-channel.js";

/**
 * Wakes delivery workers when new deliveries are due, so the happy path never waits for a poll: workers in this
 * process at once, workers in other processes through the channel.
 */
export class Notifier {
  readonly #listeners = new Set<() => void>();
  readonly #channel: WakeChannel | undefined;
  #stopListening: Promise<() => Promise<void>> | undefined;

  constructor(channel?: WakeChannel) {
    this.#channel = channel;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    if (this.#channel && !this.#stopListening) {
      this.#stopListening = this.#channel.listen(() => this.#wakeLocal());
      // A failed LISTEN leaves polling to find the work; the channel logs why.
      this.#stopListening.catch(() => {});
    }
    return () => this.#listeners.delete(listener);
  }

  notify(): void {
    this.#wakeLocal();
    this.#channel?.publish();
  }

  async close(): Promise<void> {
    const stop = this.#stopListening;
    this.#stopListening = undefined;
    if (stop) await stop.then((fn) => fn()).catch(() => {});
  }

  #wakeLocal(): void {
    for (const listener of this.#listeners) listener();
  }
}
