export * from './crypto-backend.js';
export * from './hostile-corpus.js';
export * from './reference-tools.js';
export * from './server.js';
export * from './vectors.js';
