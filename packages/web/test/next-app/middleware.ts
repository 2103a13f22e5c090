import { apisigMiddleware } from '@apisig/web/next';
import { options } from './lib/options';

export const middleware = apisigMiddleware(options);
export const config = { matcher: '/gate/:path*' };
