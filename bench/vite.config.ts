import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { aliases } from '../vite.aliases.ts';

// The benchmarks are plain Node, like the CLI (vite.cli.config.ts): an SSR bundle, dependencies external.
// `npm run bench` builds bench/*.ts into out/bench/ and runs them all (bench:decode, bench:rp, ... one each). out/bench is two levels
// below the repository like test/decode, so the bundled test/decode/vectors.helpers finds ../shared/vectors
// the same way (PASSKEY_VECTORS_DIR overrides it).
export default defineConfig({
  resolve: { alias: aliases },
  build: {
    ssr: true,
    target: 'node22',
    outDir: resolve(__dirname, '../out/bench'),
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: { decode: resolve(__dirname, 'decode.ts'), harness: resolve(__dirname, 'harness.ts'), rp: resolve(__dirname, 'rp.ts') },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
  ssr: { target: 'node' },
});
