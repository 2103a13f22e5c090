/**
 * Shared vitest suites: each declares its describe/it blocks for the adapter it is given, so
 * core, node and web run the same assertions. A separate entry from the package's main one,
 * which scripts outside vitest may import.
 */
export type * from './adapter.js';
export * from './concurrent-signing.js';
export * from './credential-properties.js';
export * from './key-rotation.js';
export * from './lifetime-vectors.js';
export * from './lookup-faults.js';
export * from './lookup-records.js';
export * from './organization-paths.js';
export * from './token-corpus.js';
