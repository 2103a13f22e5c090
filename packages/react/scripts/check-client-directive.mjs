#!/usr/bin/env node
// React Server Components treat a module as a client module only when 'use client' is its
// very first statement. tsup's banner puts it there; this checks every built entry does.
import { readFileSync } from 'node:fs';

const entries = ['dist/index.js', 'dist/index.cjs'];
const missing = entries.filter((file) => {
  const firstLine = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').split('\n', 1)[0];
  return firstLine?.trim() !== "'use client';";
});
if (missing.length > 0) {
  console.error(`'use client' is not the first statement of: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`'use client' heads ${entries.join(' and ')}`);
