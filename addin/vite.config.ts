// Builds the task pane (taskpane.html + src/) and the ribbon's function file into addin/dist/,
// which `jixiao serve` serves. Office.js is not bundled: the pages load it from the server, at
// `office-js/<version>/office.js`, the npm copy's version, so the server can let browsers keep it
// for a year and a new copy is a new address (server/routes/pane.ts, docs/hosts.md).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { browserTargets } from "./targets.ts";

const root = fileURLToPath(new URL(".", import.meta.url));

export function officeJsVersion(): string {
  const pkg = fileURLToPath(new URL("../node_modules/@microsoft/office-js/package.json", import.meta.url));
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}

/** `<script src="office.js">` → the versioned address (the dev server keeps the plain one). */
function versionedOfficeJs(): Plugin {
  return {
    name: "jixiao-versioned-office-js",
    apply: "build",
    transformIndexHtml: (html) => html.replace(/<script src="office\.js"><\/script>/g, `<script src="office-js/${officeJsVersion()}/office.js"></script>`),
  };
}

export default defineConfig({
  root,
  base: "./",
  publicDir: "public",
  plugins: [react(), versionedOfficeJs()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: browserTargets,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        taskpane: fileURLToPath(new URL("taskpane.html", import.meta.url)),
        commands: fileURLToPath(new URL("commands.html", import.meta.url)),
      },
    },
  },
  server: { port: 3000 },
});
