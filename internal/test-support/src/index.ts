export * from './crypto-backend.js';
export * from './server.js';
export * from './vectors.js';
