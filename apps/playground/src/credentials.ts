/** The demo credentials the SPA holds: seed.json minus server-only JWT keys (vite.config.ts). */
import browserSeed from 'virtual:demo-credentials';
import type { Seed } from '../server/seed.ts';
import { demoRoles } from '../common/roles.ts';

export const demo = demoRoles(browserSeed as Seed);
