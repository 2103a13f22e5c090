// app/api/orders/[id]/route.ts
import { withApiSig } from '@apisig/web/next';

// Your user store. `jwtKey` is set for users who sign their requests.
const users = new Map([['ak_live_3f9a2c1e7b4d', { jwtKey: 'jk_9b2e4c7a1f3d5e8b' }]]);

// Runs only for a verified request; a refusal is answered 401/403 before it, a failed
// lookup 500 (503 if it timed out).
export const GET = withApiSig(
  { users: (apiKey) => users.get(apiKey) },
  async (_request, identity, context: { params: Promise<{ id: string }> }) => {
    const { id } = await context.params;
    return Response.json({ id, owner: identity.apiKey, mode: identity.mode });
  },
);
