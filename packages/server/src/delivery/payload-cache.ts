/**
 * The shared payloads of recent events, least recently used out first. A fan-out's deliveries share one payload,
 * so one read serves thousands of sends. `payloadsFor` answers for a whole claim at once: what the claim needs is
 * returned to it, never dropped half-way to make room for another of its events.
 */
export class PayloadCache {
  readonly #capacity: number;
  /** Insertion order is use order: the first key is the least recently used. */
  readonly #payloads = new Map<string, string>();

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new Error(`invalid payload cache capacity ${capacity}`);
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#payloads.size;
  }

  /**
   * The payload of each of `eventIds` that has one: cached ones from memory, the others with one call of `load`.
   * Events `load` does not return (deleted, or from before payloads were stored per event) are absent.
   */
  async payloadsFor(
    eventIds: Iterable<string>,
    load: (missing: string[]) => Promise<Map<string, string>>,
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(eventIds)) {
      const payload = this.#payloads.get(id);
      if (payload === undefined) {
        missing.push(id);
        continue;
      }
      found.set(id, payload);
      this.#touch(id, payload);
    }
    if (missing.length > 0) {
      for (const [id, payload] of await load(missing)) {
        found.set(id, payload);
        this.#touch(id, payload);
      }
    }
    // Over capacity only the least recently used go: the events of this claim were just used, and the claim
    // holds its own map of them anyway.
    for (const id of this.#payloads.keys()) {
      if (this.#payloads.size <= this.#capacity) break;
      this.#payloads.delete(id);
    }
    return found;
  }

  #touch(id: string, payload: string): void {
    this.#payloads.delete(id);
    this.#payloads.set(id, payload);
  }
}
