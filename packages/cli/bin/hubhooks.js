#!/usr/bin/env node
// Committed so npm can link the `hubhooks` bin at install time, before `prepare` has built dist/.
await import("../dist/bin.js");
