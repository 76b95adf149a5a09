import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { aliases } from '../vite.aliases.ts';

// bench/ui (npm run bench:ui): plain Node like bench/decode, an SSR bundle with dependencies external,
// into its own directory (out/bench-ui) so the two benchmark builds do not empty each other's output.
// out/bench-ui/ui.js is two levels below the repository, where it finds bin/ and out/renderer.
export default defineConfig({
  resolve: { alias: aliases },
  build: {
    ssr: true,
    target: 'node22',
    outDir: resolve(__dirname, '../out/bench-ui'),
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: { ui: resolve(__dirname, 'ui.ts') },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  ssr: { target: 'node' },
});
