import { expect, it } from 'vitest';

// Guard for the browser project: these tests really run in headless Chromium, on a page
// where WebCrypto is available (a secure context), not in Node with a DOM shim.
it('runs in headless Chromium, in a secure context', () => {
  expect(navigator.userAgent).toMatch(/HeadlessChrome\//);
  expect(typeof process).toBe('undefined');
  expect(window.isSecureContext).toBe(true);
  expect(crypto.subtle).toBeDefined();
});
