/**
 * @apisig/node: sign and verify apisig requests in Node, on jsonwebtoken. This list is the
 * whole public surface: everything of core's app surface (the wire contract's names and
 * errors, reading a refusal, the signed fetch, the types of every option and result), and
 * Node's own: signing (createSigner), verifying (createVerifier, verifyHeaders, the apisig
 * middleware), handing out credentials, the remote-signing endpoint.
 *
 * Left out on purpose: the crypto backend and core's engines (`@apisig/core/adapter`, for
 * authors of a new runtime binding); the Fastify and Koa integrations, which are their own
 * entries (`@apisig/node/fastify`, `@apisig/node/koa`) so an app loads only its framework's.
 *
 * @packageDocumentation
 */
// biome-ignore-all assist/source/organizeImports: exports grouped by concept, one line each

// Core's app surface, curated there: names, errors, refusals, the signed fetch, the types.
export * from '@apisig/core';
// Signing.
export { createSigner } from './sign.js';
// Verifying, and the middleware for node:http, Express and Connect.
export { createVerifier, verifyHeaders } from './verify.js';
export { type ApiSigOptions, apisig, type NodeRefusal } from './middleware.js';
export type { NextFunction, NodeHandler } from './respond.js';
// Handing out credentials.
export { generateApiKey, generateSecret } from './generate.js';
// The remote-signing endpoint, for browsers.
export { createSigningHandler } from './signing-handler.js';
export type { Authorization, SigningHandlerOptions } from './signing-handler.js';
