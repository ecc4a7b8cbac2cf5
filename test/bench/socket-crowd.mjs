// The flooding tenant's open sockets, held in a worker thread (noisy-neighbour.ts): their
// messages (tens of thousands a second) are parsed here, so the main thread's clock — which times
// the quiet tenant's reads — measures the server, not this process's own backlog. Browsers are
// elsewhere too. Plain JavaScript: Node 20's worker threads do not load TypeScript through tsx.
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";

const { base, tokens, sockets: count, perToken } = workerData;
let notifications = 0; // on the first socket only: one member's view of every run
let refused = 0;
const sockets = [];

function open(token, onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/realtime?token=${token}`);
    ws.on("message", (data) => {
      const message = JSON.parse(String(data));
      if (message.type === "hello") resolve(ws);
      onMessage(message);
    });
    ws.on("error", reject);
    ws.on("unexpected-response", (_req, res) => reject(new Error(`socket refused: ${res.statusCode}`)));
  });
}

for (let i = 0; i < count; i++) {
  const first = i === 0;
  const ws = await open(tokens[Math.floor(i / perToken)], (m) => {
    if (first && m.type === "notify") notifications++;
  }).catch(() => null);
  if (ws) sockets.push(ws);
  else refused++;
}
parentPort.postMessage({ kind: "open", open: sockets.length, refused });
parentPort.on("message", (ask) => {
  if (ask === "count") parentPort.postMessage({ kind: "count", notifications });
  else {
    for (const ws of sockets) ws.close();
    parentPort.postMessage({ kind: "closed" });
  }
});
