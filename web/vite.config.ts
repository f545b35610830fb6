import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/**
 * The browser app: built into dist/web, which `cable serve` serves at `/`. Preact through esbuild's
 * automatic JSX runtime (no Babel preset needed). Chart.js and Cytoscape are loaded on demand, so the
 * initial bundle stays small (bench:web measures it).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
