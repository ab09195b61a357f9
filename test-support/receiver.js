import { createServer } from "node:http";
/** A real HTTP receiver on loopback that records every request and answers as told (200 by default). */
export class TestReceiver {
    requests = [];
    respond = () => ({ status: 200, body: '{"ok":true}' });
    #server;
    #waiters = [];
    url = "";
    async start() {
        this.#server = createServer((req, res) => {
            let body = "";
            req.setEncoding("utf8");
            req.on("data", (chunk) => {
                body += chunk;
            });
            req.on("end", () => {
                let json;
                try {
                    json = JSON.parse(body);
                }
                catch {
                    json = undefined;
                }
                const received = { path: req.url ?? "/", headers: req.headers, body, json };
                const index = this.requests.push(received) - 1;
                const answer = this.respond(received, index);
                const send = () => {
                    if (res.destroyed)
                        return;
                    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
                    res.end(answer.body ?? "");
                };
                if (answer.delayMs)
                    setTimeout(send, answer.delayMs);
                else
                    send();
                this.#waiters = this.#waiters.filter((waiter) => {
                    if (this.requests.length < waiter.count)
                        return true;
                    waiter.resolve();
                    return false;
                });
            });
        });
        await new Promise((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${this.#server.address().port}`;
        return this;
    }
    /** Resolves once `count` requests in total have arrived (rejects after `timeoutMs`). */
    waitFor(count, timeoutMs = 10_000) {
        if (this.requests.length >= count)
            return Promise.resolve();
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`expected ${count} requests, got ${this.requests.length}`)), timeoutMs);
            this.#waiters.push({
                count,
                resolve: () => {
                    clearTimeout(timer);
                    resolve();
                },
            });
        });
    }
    async stop() {
        this.#server?.closeAllConnections();
        await new Promise((resolve) => this.#server?.close(resolve));
    }
}
//# sourceMappingURL=receiver.js.map