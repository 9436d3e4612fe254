import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import griffel from "@griffel/vite-plugin";
import { resolve } from "node:path";
import { precompress } from "./build/precompress";

// Two HTML entry points: the app, and the MSAL v5 redirect bridge page. Neither has an inline
// script, because the BFF's Content-Security-Policy allows only same-origin scripts.
export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    precompress(),
    // Griffel ahead of time (build only): the app's makeStyles calls become precomputed class maps
    // and CSS, like Fluent's own components ship, so the runtime style resolver (stylis,
    // rtl-css-js: ~8 KB gzip) leaves the first route. It evaluates style files with Babel, which
    // needs the TypeScript preset to read the workspace's .ts sources.
    command === "build" && griffel({ babelOptions: { presets: ["@babel/preset-typescript"] } }),
  ],
  build: {
    outDir: "dist",
    sourcemap: false,
    // scripts/first-route-size.mjs reads the manifest to measure what the first route loads.
    manifest: true,
    // @batch-studio/shared declares "sideEffects": false, so the first route takes only what it
    // uses (apiUrl, problem codes) and zod, the rules and the exporters stay in lazy chunks.
    // Vendor groups only for libraries the first route needs whole (or, zod, not at all): a group
    // that mixes first-route and lazy-only modules (tabster, Fluent, the query client's infinite
    // queries) would load all of it up front, so those are left to automatic splitting.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "vendor-react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "vendor-msal", test: /@azure[\\/]msal/ },
            { name: "vendor-zod", test: /node_modules[\\/]zod/ },
            { name: "vendor-griffel", test: /@griffel/ },
          ],
        },
      },
      input: {
        main: resolve(import.meta.dirname, "index.html"),
        redirect: resolve(import.meta.dirname, "redirect.html"),
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { "/api": { target: "http://127.0.0.1:4300", changeOrigin: false } },
  },
  preview: { port: 5173 },
}));
