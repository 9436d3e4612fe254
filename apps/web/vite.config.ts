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
    rolldownOptions: {
      // @batch-studio/shared is a barrel of pure modules (zod schemas, rules, exporters). Declaring
      // them side-effect free lets the first route take only what it uses (apiPaths, error types)
      // and leaves validation rules and exporters to the wizard's chunk.
      treeshake: { moduleSideEffects: (id: string) => !/packages[\\/]shared[\\/]src/.test(id) },
      output: {
        advancedChunks: {
          groups: [
            { name: "vendor-react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "vendor-msal", test: /@azure[\\/]msal/ },
            { name: "vendor-router", test: /react-router/ },
            { name: "vendor-zod", test: /node_modules[\\/]zod/ },
            { name: "vendor-query", test: /@tanstack/ },
            { name: "vendor-tabster", test: /tabster|keyborg/ },
            { name: "vendor-griffel", test: /@griffel/ },
            { name: "vendor-icons", test: /react-icons/ },
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
