import { render, screen } from '@testing-library/react';
import { version } from 'react';
import { expect, it } from 'vitest';

// Tooling guards: the suite runs once per React major (vitest projects react19 / react18),
// and workspace packages resolve to their TypeScript source through `@apisig/source`.
it('runs under the React major of its vitest project', () => {
  expect(version.split('.')[0]).toBe(process.env.APISIG_REACT_MAJOR);
  render(<p>{`react ${version}`}</p>);
  expect(screen.getByText(`react ${version}`)).toBeDefined();
});

it('resolves @apisig/web to its TypeScript source', () => {
  expect(import.meta.resolve('@apisig/web')).toMatch(/\/packages\/web\/src\/index\.ts$/);
});
