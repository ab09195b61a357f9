// A minimal receiver in its own process: answers 200 and reports how many requests it has seen.
import { createServer } from "node:http";

let count = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    count++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("message", (message) => {
  if (message === "count") process.send?.({ count });
  if (message === "reset") count = 0;
});
