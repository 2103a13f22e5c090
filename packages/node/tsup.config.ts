import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.shared.ts';

export default [
  libraryConfig({
    entry: {
      index: 'src/index.ts',
      fastify: 'src/fastify.ts',
      koa: 'src/koa.ts',
      axios: 'src/axios.ts',
      got: 'src/got.ts',
      undici: 'src/undici.ts',
    },
    platform: 'node',
    // The axios binding is one module for node and web, in a private workspace package.
    inline: ['@apisig/axios-binding'],
    // The library's clean leaves the CLI's files alone: the two builds run side by side.
    keep: ['cli.js*'],
  }),
  // The `apisig` command: ESM only, no declarations; it imports the package by its own name,
  // so it runs on dist/index.js (the public API) and bundles none of it.
  defineConfig({
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    clean: false,
    external: ['@apisig/node'],
    banner: { js: '#!/usr/bin/env node' },
  }),
];
