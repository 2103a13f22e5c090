/**
 * Where the API is: `?api=` in the page URL (how the e2e test points a built SPA at its
 * server), else what the launcher set (VITE_API_URL), else the default port.
 */
export function resolveApiUrl(search = window.location.search): string {
  const url =
    new URLSearchParams(search).get('api') ??
    import.meta.env.VITE_API_URL ??
    'http://127.0.0.1:8787';
  return url.replace(/\/+$/, '');
}
