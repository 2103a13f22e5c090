import { libraryConfig } from '../../tsup.shared.ts';

export default libraryConfig({
  entry: {
    index: 'src/index.ts',
    fastify: 'src/fastify.ts',
    koa: 'src/koa.ts',
    axios: 'src/axios.ts',
    got: 'src/got.ts',
    undici: 'src/undici.ts',
  },
  platform: 'node',
  // The axios binding is one module for node and web, in a private workspace package.
  inline: ['@apisig/axios-binding'],
});
