/**
 * Type tests: the handler's identity is always the identity (never undefined), Next's context
 * and request types flow through, and what withApiSig and apisigMiddleware return is what a
 * route module and a middleware.ts / proxy.ts export.
 */
import type { NextMiddleware, NextProxy, NextRequest } from 'next/server';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiSigIdentity,
  type ApiSigNextOptions,
  type ApiSigRouteHandler,
  apisigMiddleware,
  withApiSig,
} from '../src/next.js';

const options: ApiSigNextOptions = { users: () => null };
type ItemContext = { params: Promise<{ id: string }> };

describe('withApiSig', () => {
  it('gives the handler the identity, never undefined', () => {
    expectTypeOf<Parameters<ApiSigRouteHandler>[1]>().toEqualTypeOf<ApiSigIdentity>();
    withApiSig(options, (_request, identity) => {
      expectTypeOf(identity).toEqualTypeOf<ApiSigIdentity>();
      expectTypeOf(identity.appKey).toEqualTypeOf<string | undefined>();
      return Response.json(identity);
    });
  });

  it("passes Next's context on, typed by the handler's annotation", () => {
    const GET = withApiSig(options, async (_request, identity, context: ItemContext) => {
      const { id } = await context.params;
      return Response.json({ id, apiKey: identity.apiKey });
    });
    expectTypeOf(GET).toEqualTypeOf<
      (request: Request, context: ItemContext) => Promise<Response>
    >();
    expectTypeOf(GET).toExtend<(request: NextRequest, context: ItemContext) => Promise<Response>>();
  });

  it('takes a NextRequest handler (nextUrl, cookies) and then asks Next for one', () => {
    const GET = withApiSig(options, (request: NextRequest) => {
      expectTypeOf(request.nextUrl.pathname).toEqualTypeOf<string>();
      return Response.json({ path: request.nextUrl.pathname });
    });
    expectTypeOf(GET).parameter(0).toEqualTypeOf<NextRequest>();
  });

  it('wants a Response from the handler', () => {
    // @ts-expect-error a route handler answers a Response
    withApiSig(options, () => 'hello');
    // @ts-expect-error onRefusal answers a Response, not a body
    withApiSig({ users: () => null, onRefusal: () => ({ error: 'no' }) }, () => new Response());
  });
});

describe('apisigMiddleware', () => {
  it('is a middleware.ts / proxy.ts export as it is: undefined means go on', () => {
    const middleware = apisigMiddleware(options);
    expectTypeOf(middleware).toEqualTypeOf<(request: Request) => Promise<Response | undefined>>();
    expectTypeOf(middleware).toExtend<NextMiddleware>();
    expectTypeOf(middleware).toExtend<NextProxy>();
  });
});
