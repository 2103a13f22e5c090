// middleware.ts, when it does more than refuse: the refusal first, then your own work.
import { apisigMiddleware } from '@apisig/web/next';
import { type NextRequest, NextResponse } from 'next/server';

const users = new Map([['ak_live_3f9a2c1e7b4d', { jwtKey: 'jk_9b2e4c7a1f3d5e8b' }]]);
const refuse = apisigMiddleware({ users: (apiKey) => users.get(apiKey) });

export async function middleware(request: NextRequest) {
  const refusal = await refuse(request);
  if (refusal) return refusal;
  const response = NextResponse.next();
  response.headers.set('x-request-id', crypto.randomUUID());
  return response;
}

export const config = { matcher: '/api/:path*' };
