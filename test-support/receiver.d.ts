import { type IncomingHttpHeaders } from "node:http";
export interface ReceivedRequest {
    path: string;
    headers: IncomingHttpHeaders;
    body: string;
    json: any;
}
export type Responder = (request: ReceivedRequest, index: number) => {
    status: number;
    body?: string;
    delayMs?: number;
    headers?: Record<string, string>;
};
/** A real HTTP receiver on loopback that records every request and answers as told (200 by default). */
export declare class TestReceiver {
    #private;
    readonly requests: ReceivedRequest[];
    respond: Responder;
    url: string;
    start(): Promise<this>;
    /** Resolves once `count` requests in total have arrived (rejects after `timeoutMs`). */
    waitFor(count: number, timeoutMs?: number): Promise<void>;
    stop(): Promise<void>;
}
//# sourceMappingURL=receiver.d.ts.map