export * from "./domain.js";
export * from "./error.js";
export * from "./examples.js";
export * from "./issues.js";
export * from "./payload.js";
export * from "./watched.js";
export * from "./webhook.js";
