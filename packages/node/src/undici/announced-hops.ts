/**
 * Which dispatches to another origin are hops of a redirect. At the dispatcher a hop and a
 * first request look alike (fetch sends each hop as a new dispatch), so a hop is known by
 * the redirect that announced it: a 3xx that passed through this interceptor, whose Location
 * is another origin. Such a dispatch goes out without our headers; any other dispatch to
 * another origin is refused, as core's session refuses a request for another origin.
 */

/** Announced hops kept at once: a redirect nobody follows must not grow the list for ever. */
const KEPT = 32;

const keyOf = (url: URL) => `${url.origin}${url.pathname}${url.search}`;

export class AnnouncedHops {
  readonly #urls = new Set<string>();

  /** A redirect that passed through us points at `url`, on another origin. */
  announce(url: URL): void {
    const key = keyOf(url);
    this.#urls.delete(key);
    this.#urls.add(key);
    for (const oldest of this.#urls) {
      if (this.#urls.size <= KEPT) break;
      this.#urls.delete(oldest);
    }
  }

  /** True, once, for a dispatch a redirect announced. */
  admit(url: URL): boolean {
    return this.#urls.delete(keyOf(url));
  }
}
