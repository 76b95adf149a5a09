import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { aliases } from './vite.aliases.ts';

// The CLI (and the RP it starts) is plain Node: build it as an SSR bundle, dependencies external.
export default defineConfig({
  resolve: { alias: aliases },
  build: {
    ssr: true,
    target: 'node22',
    outDir: resolve(__dirname, 'out/cli'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: { index: resolve(__dirname, 'src/cli/index.ts') },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  ssr: { target: 'node' },
});
