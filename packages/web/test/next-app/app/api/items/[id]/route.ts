import { withApiSig } from '@apisig/web/next';
import type { NextRequest } from 'next/server';
import { options } from '../../../../lib/options';

export const GET = withApiSig(
  options,
  async (request: NextRequest, identity, context: { params: Promise<{ id: string }> }) => {
    const { id } = await context.params;
    return Response.json({ id, apiKey: identity.apiKey, path: request.nextUrl.pathname });
  },
);
