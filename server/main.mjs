import { Worker } from "node:worker_threads";
const t = Date.now();
const w = new Worker(new URL("./boot.mjs", import.meta.url), { env: { TARGET: "/tmp/w17/t.ts" }, resourceLimits: { maxOldGenerationSizeMb: 128 } });
w.on("message", (m) => { console.log(m, Date.now() - t); w.terminate(); });
w.on("error", (e) => console.log("err", e));
