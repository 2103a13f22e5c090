/**
 * The smoke suite as a Cloudflare Worker: bundled by esbuild from the BUILT package (by its
 * own name, with the workerd/worker/browser conditions) and run in workerd by miniflare.
 * POST the JSON input; the answer is the results.
 */
import { createSignedFetch, createSigner } from '@apisig/web';
import { failureResponse, verifyHeaders, verifyRequest } from '@apisig/web/verify';
import { runSmoke, type SmokeInput } from './smoke-suite.ts';

const sdk = { createSigner, createSignedFetch, verifyHeaders, verifyRequest, failureResponse };

export default {
  async fetch(request: Request): Promise<Response> {
    const input = (await request.json()) as SmokeInput;
    return Response.json({ results: await runSmoke(sdk, input) });
  },
};
