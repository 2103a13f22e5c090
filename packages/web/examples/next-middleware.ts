// middleware.ts: the Edge runtime. In proxy.ts (Node.js runtime) export it as `proxy`.
import { apisigMiddleware } from '@apisig/web/next';

const users = new Map([['ak_live_3f9a2c1e7b4d', { jwtKey: 'jk_9b2e4c7a1f3d5e8b' }]]);

// Resolves to the refusal, or to undefined, which Next.js takes as "go on".
export const middleware = apisigMiddleware({ users: (apiKey) => users.get(apiKey) });

export const config = { matcher: '/api/:path*' };
