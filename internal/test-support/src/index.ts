export * from './cast.js';
export * from './corpus/index.js';
export * from './crypto-backend.js';
export * from './forge.js';
export * from './reference-tools.js';
export * from './server.js';
export * from './vectors.js';
