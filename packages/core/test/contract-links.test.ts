/**
 * docs/contract.md is the one description of the contract: every README points to it (the
 * packages' by absolute URL, which also works on npm), and each anchor they use exists.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const CONTRACT_URL = 'https://github.com/apisig/apisig/blob/main/docs/contract.md';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchors = new Set(
  read('docs/contract.md')
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .map((line) =>
      line
        .replace(/^#+\s*/, '')
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, '')
        .replace(/ /g, '-'),
    ),
);

const readmes = {
  'README.md': 'docs/contract.md',
  'apps/playground/README.md': '../../docs/contract.md',
  'packages/core/README.md': CONTRACT_URL,
  'packages/node/README.md': CONTRACT_URL,
  'packages/web/README.md': CONTRACT_URL,
  'packages/react/README.md': CONTRACT_URL,
};

describe('every README links to docs/contract.md', () => {
  for (const [readme, target] of Object.entries(readmes)) {
    it(readme, () => {
      const text = read(readme);
      const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
      const toContract = links.filter((link) => link.split('#')[0] === target);
      expect(toContract.length, `${readme} has no link to ${target}`).toBeGreaterThan(0);
      for (const link of toContract) {
        const anchor = link.split('#')[1];
        if (anchor !== undefined) expect(anchors, `${readme}: #${anchor}`).toContain(anchor);
      }
      expect(text).not.toContain('CONTRACT.md');
    });
  }
});
