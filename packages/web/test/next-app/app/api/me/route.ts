import { withApiSig } from '@apisig/web/next';
import { options } from '../../../lib/options';

export const GET = withApiSig(options, (_request, identity) => Response.json(identity));

export const POST = withApiSig(options, async (request, identity) =>
  Response.json({ apiKey: identity.apiKey, body: await request.text() }),
);
