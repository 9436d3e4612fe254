import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";

// Two HTML entry points: the app, and the MSAL v5 redirect bridge page. Neither has an inline
// script, because the BFF's Content-Security-Policy allows only same-origin scripts.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    sourcemap: false,
    // scripts/first-route-size.mjs reads the manifest to measure what the first route loads.
    manifest: true,
    // @batch-studio/shared declares "sideEffects": false, so the first route takes only what it
    // uses (apiPaths, problem codes) and zod, the rules and the exporters stay in lazy chunks.
    rolldownOptions: {
      output: {
        advancedChunks: {
          groups: [
            { name: "vendor-react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "vendor-msal", test: /@azure[\\/]msal/ },
            { name: "vendor-router", test: /react-router/ },
            { name: "vendor-zod", test: /node_modules[\\/]zod/ },
            { name: "vendor-query", test: /@tanstack[\\/]query|@tanstack[\\/]react-query/ },
            { name: "vendor-tabster", test: /tabster|keyborg/ },
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
});
