// A reader process's entry (read.ts forks it without the parent's flags): the TypeScript loader
// is registered here before the reader's code is imported.
import { register } from "tsx/esm/api";

register();
await import("./read-worker.ts");
