import { parentPort, workerData } from "node:worker_threads";
import type WebSocket from "ws";
import { openSocket } from "./harness";

// The flooding tenant's open sockets, held in a worker thread: their messages (tens of thousands
// a second in noisy-neighbour) are parsed here, so the main thread's clock — which times the quiet
// tenant's reads — measures the server, not this process's own backlog. Browsers are elsewhere too.
type Crowd = { base: string; tokens: string[]; sockets: number; perToken: number };
const { base, tokens, sockets: count, perToken } = workerData as Crowd;

let notifications = 0; // on the first socket only: one member's view of every run
let refused = 0;
const sockets: WebSocket[] = [];
for (let i = 0; i < count; i++) {
  const token = tokens[Math.floor(i / perToken)]!;
  const first = i === 0;
  const ws = await openSocket(base, token, (m) => {
    if (first && m.type === "notify") notifications++;
  }).catch(() => null);
  if (ws) sockets.push(ws);
  else refused++;
}
parentPort!.postMessage({ kind: "open", open: sockets.length, refused });
parentPort!.on("message", (ask: "count" | "close") => {
  if (ask === "count") parentPort!.postMessage({ kind: "count", notifications });
  else {
    for (const ws of sockets) ws.close();
    parentPort!.postMessage({ kind: "closed" });
  }
});
