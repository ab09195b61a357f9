import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { deliveryConfig } from "../core/config.js";
import { Sender } from "./sender.js";
import { isPublicAddress } from "./ssrf.js";

describe("SSRF guard", () => {
  it("classifies addresses", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fc00::1",
      "::ffff:127.0.0.1",
      "::7f00:1",
      "::a9fe:a9fe",
      "224.0.0.1",
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
  });

  describe("with private targets refused (the default)", () => {
    const receiver = new TestReceiver();
    const sender = new Sender(deliveryConfig({ timeoutMs: 2_000 }));
    beforeAll(() => receiver.start());
    afterAll(async () => {
      await sender.close();
      await receiver.stop();
    });

    it("refuses IP literals and names that resolve to private addresses, sending nothing", async () => {
      const port = new URL(receiver.url).port;
      for (const url of [`http://127.0.0.1:${port}/x`, `http://localhost:${port}/x`, `http://[::1]:${port}/x`]) {
        const outcome = await sender.send(url, { "content-type": "application/json" }, "{}");
        expect(outcome.ok, url).toBe(false);
        expect(outcome.statusCode).toBeNull();
        expect(outcome.error, url).toMatch(/not a public address/);
      }
      expect(receiver.requests).toHaveLength(0);
    });

    it("delivers once the operator allows private targets", async () => {
      const allowing = new Sender(deliveryConfig({ allowPrivateTargets: true }));
      const outcome = await allowing.send(`${receiver.url}/x`, {}, "{}");
      await allowing.close();
      expect(outcome).toMatchObject({ ok: true, statusCode: 200 });
      expect(receiver.requests).toHaveLength(1);
    });
  });
});
