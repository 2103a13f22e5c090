/** Types for chromium.mjs, which vitest.shared.ts imports. */
export declare const INSTALL_HINT: string;
/** The first Chromium this machine already has, or undefined. Throws for a bad CHROMIUM_PATH. */
export declare function findChromium(): string | undefined;
/** Finds a Chromium, or provides one; returns its path, or undefined with the hint printed. */
export declare function ensureChromium(): string | undefined;
