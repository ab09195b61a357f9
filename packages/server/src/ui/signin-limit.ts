/**
 * Sign-in attempts per client address and minute: a person retries a few times, a guesser is slowed to a crawl.
 * Counted by the API limiter's counter, so processes sharing PostgreSQL allow it once in all, not once each.
 */
export const SIGNIN_ATTEMPTS_PER_MINUTE = 10;
