// Types of esm-bundle.mjs, for the TypeScript tests and benchmarks that use it.
import type { Plugin } from 'esbuild';

export function bundleEsm(options: { root: string; entry: string; outfile: string; plugins?: Plugin[] }): Promise<void>;

export function bundleCli(options: { root: string; outdir: string }): Promise<void>;
