import { libraryConfig } from '../../tsup.shared.ts';

export default libraryConfig({
  entry: {
    index: 'src/index.ts',
    verify: 'src/verify.ts',
    hono: 'src/hono.ts',
    next: 'src/next.ts',
  },
  platform: 'neutral',
});
