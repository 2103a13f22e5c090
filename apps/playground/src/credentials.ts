/** The demo credentials the SPA holds: seed.json minus server-only JWT keys (vite.config.ts). */
import browserSeed from 'virtual:demo-credentials';
import { demoRoles } from '../common/roles.ts';
import type { Seed } from '../server/seed.ts';

export const demo = demoRoles(browserSeed as Seed);
