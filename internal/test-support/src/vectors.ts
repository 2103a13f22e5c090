/** The shared vectors, read from ../shared/vectors beside the repository (never copied). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SignatureVector {
  name: string;
  kind: 'user' | 'organization';
  key: string;
  secret: string;
  exp: number;
  token: string;
  goToken: string;
}

export interface RejectionVector {
  name: string;
  token: string;
  reason: string;
  apiKey: string;
  secret: string;
  now: number;
}

function findVectors(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
  return join(dir, '..', 'shared', 'vectors');
}

const folder = findVectors();
const read = <T>(file: string): T => JSON.parse(readFileSync(join(folder, file), 'utf8')).cases;

export const signatureVectors: SignatureVector[] = read('signatures.json');
export const rejectionVectors: RejectionVector[] = read('rejections.json');
