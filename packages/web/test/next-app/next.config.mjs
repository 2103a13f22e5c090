// A tiny App Router app that the Next.js test builds and starts: the workspace is the
// Turbopack root, so the built @apisig/web (dist/) and the test cast resolve from it.
import { fileURLToPath } from 'node:url';

/** @type {import('next').NextConfig} */
export default {
  turbopack: { root: fileURLToPath(new URL('../../../..', import.meta.url)) },
  transpilePackages: ['@apisig/test-support'],
};
