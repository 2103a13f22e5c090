import { libraryConfig } from '../../tsup.shared.ts';

export default libraryConfig({
  entry: {
    index: 'src/index.ts',
    verify: 'src/verify.ts',
    hono: 'src/hono.ts',
    next: 'src/next.ts',
    axios: 'src/axios.ts',
  },
  platform: 'neutral',
  // The axios binding is one module for node and web, in a private workspace package.
  inline: ['@apisig/axios-binding'],
});
