import { describe, expect, it } from 'vitest';
import { createSigner } from '../src/index.js';
import { verifyHeaders } from '../src/verify.js';
import { signatureVectors } from '@apisig/test-support';

describe('web smoke', () => {
  for (const v of signatureVectors.filter((v) => v.kind === 'user')) {
    it(v.name, async () => {
      const signer = createSigner({ apiKey: v.key, jwtKey: v.secret, clock: () => (v.exp - 15) * 1000 });
      expect((await signer.headers())['x-signature']).toBe(v.token);
      const r = await verifyHeaders({ 'x-api-key': v.key, 'x-signature': v.goToken }, { users: () => ({ jwtKey: v.secret }), clock: () => (v.exp - 3) * 1000 });
      expect(r.ok).toBe(true);
    });
  }
});
