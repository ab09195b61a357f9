import { Command } from "commander";
import { registerBackup } from "./commands/backup.js";
import { registerDeliveries, registerReplay } from "./commands/deliveries.js";
import { registerDiscussions } from "./commands/discussions.js";
import { registerInit } from "./commands/init/index.js";
import { registerJobs } from "./commands/jobs.js";
import { registerListen } from "./commands/listen/index.js";
import { registerLogin } from "./commands/login.js";
import { registerMigrate } from "./commands/migrate.js";
import { registerOrgs } from "./commands/orgs.js";
import { registerRecover } from "./commands/recover.js";
import { registerRelay } from "./commands/relay.js";
import { registerRepos } from "./commands/repos.js";
import { registerServe } from "./commands/serve.js";
import { registerTrigger } from "./commands/trigger/index.js";
import { registerUsers } from "./commands/users.js";
import { registerWebhooks } from "./commands/webhooks/index.js";
import { registerWorker } from "./commands/worker.js";
import { useOutputOptions } from "./output/format.js";
import { VERSION } from "./version.js";

export function createProgram(): Command {
  const program = new Command("hubhooks")
    .description("Hugging Face Hub compatible webhooks: run the service, manage webhooks, trigger events")
    .version(VERSION)
    // A usage error is one line and a pointer, not the whole help.
    .showHelpAfterError("(see --help)");
  useOutputOptions(program);
  registerServe(program);
  registerWorker(program);
  registerLogin(program);
  registerUsers(program);
  registerOrgs(program);
  registerMigrate(program);
  registerBackup(program);
  registerWebhooks(program);
  registerJobs(program);
  registerDeliveries(program);
  registerReplay(program);
  registerRecover(program);
  registerTrigger(program);
  registerRepos(program);
  registerDiscussions(program);
  registerRelay(program);
  registerListen(program);
  registerInit(program);
  return program;
}
