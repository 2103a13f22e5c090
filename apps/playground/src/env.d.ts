/// <reference types="vite/client" />

/** seed.json's browser-safe subset, made by vite.config.ts (typed in credentials.ts). */
declare module 'virtual:demo-credentials' {
  const credentials: unknown;
  export default credentials;
}

interface ImportMetaEnv {
  /** The API server's URL, set by the playground launcher. */
  readonly VITE_API_URL?: string;
}
