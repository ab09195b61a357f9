/** Carries wake-ups between processes (PostgreSQL LISTEN/NOTIFY); absent on SQLite, which is one process. */
export interface WakeChannel {
  /** Tells every listening process that new deliveries are due. */
  publish(): void;
  /** Calls `onWake` when another process publishes; resolves with a function that stops listening. */
  listen(onWake: () => void): Promise<() => Promise<void>>;
}
