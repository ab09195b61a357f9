import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A new access token in the Hub's shape: "hf_" and 34 letters (about 194 bits of randomness). */
export function newAccessToken(): string {
  let token = "hf_";
  while (token.length < 37) {
    // Bytes >= 208 are skipped so that every letter is equally likely (208 = 4 × 52).
    for (const byte of randomBytes(40)) {
      if (byte < 208 && token.length < 37) token += ALPHABET[byte % 52];
    }
  }
  return token;
}

/** Tokens are stored only as this hash; the plain token is shown once. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
