/** Wakes the in-process delivery worker when new deliveries are due, so the happy path never waits for a poll. */
export class Notifier {
  readonly #listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
