import { libraryConfig } from '../../tsup.shared.ts';

export default libraryConfig({
  entry: { index: 'src/index.ts', fastify: 'src/fastify.ts', koa: 'src/koa.ts' },
  platform: 'node',
});
