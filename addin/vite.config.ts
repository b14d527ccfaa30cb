// Builds the task pane (taskpane.html + src/) and the ribbon's function file into addin/dist/,
// which `jixiao serve` serves. Office.js is not bundled: the pages load /office.js from the server.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  publicDir: "public",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: ["chrome100", "edge100", "safari15"],
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
