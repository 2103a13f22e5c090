import { libraryConfig } from '../../tsup.shared.ts';

export default libraryConfig({
  entry: { index: 'src/index.ts', adapter: 'src/adapter.ts' },
  platform: 'neutral',
});
