import { createRemoteSigner } from '@apisig/web';
import { withApiSig } from '@apisig/web/axios';
import axios from 'axios';

/** The page's axios instance for its API: every request signed (in a browser, on axios's fetch adapter). */
export function createApi(apiUrl: string) {
  // Headers from your backend's signing endpoint (createSigningHandler in @apisig/node): no
  // secret in the browser.
  const signer = createRemoteSigner({ url: '/api/apisig/sign' });
  const api = axios.create({ baseURL: apiUrl });
  // Another origin is refused before anything is sent; a redirect is refused (a browser hides
  // where it goes); a 401 from a clock that was off is retried once. axios's xhr adapter is
  // never used: it follows redirects where apisig cannot see.
  withApiSig(api, signer, { baseUrl: apiUrl });
  return api;
}
