// A minimal receiver in its own process: answers 200 on one or more ports and reports what it has seen.
// Messages: {listen: n} → {ports}; "count" → {count}; "reset"; {track: true} → sends {arrival: {name, at}} per request.
import { createServer } from "node:http";

let count = 0;
let track = false;
const servers = [];

function handle(req, res) {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    count++;
    if (track) {
      const at = performance.timeOrigin + performance.now();
      const name = JSON.parse(Buffer.concat(chunks).toString()).repo?.name;
      process.send?.({ arrival: { name, at } });
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  });
}

function listen() {
  return new Promise((resolve) => {
    const server = createServer(handle);
    server.keepAliveTimeout = 30_000;
    servers.push(server);
    server.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });
}

process.on("message", async (message) => {
  if (message === "count") process.send?.({ count });
  else if (message === "reset") count = 0;
  else if (message?.track !== undefined) track = message.track;
  else if (message?.listen) {
    const ports = [];
    for (let i = 0; i < message.listen; i++) ports.push(await listen());
    process.send?.({ ports });
  }
});
const port = await listen();
process.send?.({ port });
