import { resolve } from 'node:path';

/** The path aliases of tsconfig.base.json, for every Vite / Vitest build. */
export const aliases = {
  '@api': resolve(__dirname, 'src/api'),
  '@decode': resolve(__dirname, 'src/decode'),
};
