/**
 * @apisig/node/fastify: `app.register(apisig, options)`, core's request flow (the guard) as a
 * Fastify 5 plugin, an onRequest hook in the context it is registered in. Every check,
 * reason and answer is core's; this maps them onto a request and a reply.
 *
 * @packageDocumentation
 */
import type { ApiSigIdentity, ErrorVerdict, RefusedVerdict } from '@apisig/core';
import { createGuard, identityOf, invalidOption, type ServerOptions } from '@apisig/core/adapter';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { jsonwebtokenBackend } from './lib/backend.js';
import { refusalAnswer } from './lib/verdict-answer.js';
import type { NodeRefusal } from './middleware.js';

export type { ApiSigIdentity } from '@apisig/core';
export type { NodeRefusal } from './middleware.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Set by the apisig plugin on a verified request. Absent on a CORS preflight it let
     * through, and on routes outside the context it was registered in.
     */
    apisig?: ApiSigIdentity;
  }
}

/**
 * What the Fastify plugin takes: the verifier's options, `onVerdict(verdict, request)` for
 * logs and metrics, `onRefusal(verdict, request)` for the app's own failure answer (written
 * as JSON), and `verifyPreflight` (default false: a CORS preflight goes on unverified).
 *
 * @example
 * ```ts
 * const options: ApiSigFastifyOptions = {
 *   users: (apiKey) => users.get(apiKey),
 *   onVerdict: (verdict, request) => request.log.info({ apisig: verdict.ok }),
 * };
 * await app.register(apisig, options);
 * ```
 */
export type ApiSigFastifyOptions = ServerOptions<FastifyRequest, NodeRefusal> & {
  /**
   * Not taken: the plugin guards the context it is registered in, which a prefix does not
   * change. Register it inside a plugin registered with the prefix instead (a mistake
   * throws ApiSigError `invalid_option`).
   */
  prefix?: never;
};

/**
 * Fastify's own register options, which it hands to the plugin with ours. A plugin that
 * does not make its own context ignores them all, so a prefix (which would promise a scope
 * it cannot give) is refused; logLevel and logSerializers change nothing here, since the
 * plugin logs nothing.
 */
const REGISTER_FIELDS = ['prefix', 'logLevel', 'logSerializers'];

const PLUGIN_NAME = '@apisig/node/fastify';

async function apisigPlugin(fastify: FastifyInstance, options: ApiSigFastifyOptions) {
  const guard = createGuard<FastifyRequest, NodeRefusal>(
    jsonwebtokenBackend,
    options,
    REGISTER_FIELDS,
  );
  if (guard.adapterOptions.prefix !== undefined) {
    throw invalidOption('prefix', 'cannot scope apisig: register it inside the prefixed plugin');
  }
  // Registered again in a child context (which inherits the decorator): both hooks guard.
  if (!fastify.hasRequestDecorator('apisig')) fastify.decorateRequest('apisig', undefined);

  const refuse = async (
    verdict: RefusedVerdict | ErrorVerdict,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    const answer = refusalAnswer(verdict, await guard.refusal(verdict, request));
    return reply.code(answer.status).headers(answer.headers).send(answer.text);
  };

  // An onVerdict or onRefusal that throws rejects the hook: Fastify's error handling answers.
  fastify.addHook('onRequest', async (request, reply) => {
    const verdict = await guard.check(request, request.method, request.headers);
    if (verdict === 'preflight') return; // @fastify/cors (or the route) answers it
    if (verdict.ok) {
      request.apisig = identityOf(verdict);
      return;
    }
    // Returning the reply ends the request here: no later hook or handler runs.
    return refuse(verdict, request, reply);
  });
}

/**
 * The Fastify 5 plugin: verifies each request of the context it is registered in, in an
 * onRequest hook. On success it sets `request.apisig` (typed once this module is
 * imported). A refusal is answered 401/403 `{ "error": reason, "header": name }` with
 * `WWW-Authenticate`, and a lookup that throws or times out 500/503 `{ "error": reason }`
 * (or the app's `onRefusal` answer), before any handler runs. A CORS preflight goes on
 * unverified, for @fastify/cors. Options are checked when Fastify loads the plugin: a
 * mistake makes `register()` / `ready()` reject with ApiSigError `invalid_option`.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { apisig } from '@apisig/node/fastify';
 *
 * const app = Fastify();
 * await app.register(apisig, { users: (apiKey) => users.get(apiKey) });
 * app.get('/v1/me', async (request) => request.apisig);
 * ```
 */
export const apisig: FastifyPluginAsync<ApiSigFastifyOptions> = Object.assign(apisigPlugin, {
  // What fastify-plugin would set, by hand (Fastify reads these symbols itself, see its
  // Plugins reference): skip-override puts the hook in the registering context. Without it
  // the hook would guard only the plugin's own, empty, context: every route would be open.
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: PLUGIN_NAME,
  // Fastify checks the version range itself: Fastify 4 refuses the plugin at register().
  [Symbol.for('plugin-meta')]: { name: PLUGIN_NAME, fastify: '5.x' },
});
