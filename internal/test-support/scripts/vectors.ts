/** `pnpm --filter @apisig/test-support vectors`: regenerate vectors/*.json from generate.py. */
import { generateVectors, VECTOR_FILES, vectorsFolder } from '../src/reference-tools.js';

generateVectors();
console.log(`wrote ${VECTOR_FILES.join(', ')} in ${vectorsFolder}`);
