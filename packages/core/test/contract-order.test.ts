/**
 * The verifier's order of checks is written once, in docs/contract.md ("The checks, in order"
 * and "Checking one token"); this test reads those two tables and holds the engine to them.
 * Each check has a fault that makes it fail while every other check passes. Alone, a fault
 * gets its check's reason; with any later fault beside it, it still does: the earlier check
 * decides. Faults that write the same field (no exp and an expired exp) are not combined.
 */
import { readFileSync } from 'node:fs';
import { forgeToken, syncBackend } from '@apisig/test-support';
import { describe, expect, it } from 'vitest';
import { verifyHeadersWith } from '../src/adapter.js';
import { FAILURE_REASONS, type VerifyOptions } from '../src/index.js';

interface Check {
  /** `step 2`, `x-signature token check 5`: how the document numbers it. */
  name: string;
  reason: string;
  header: string;
}

const contract = readFileSync(new URL('../../../docs/contract.md', import.meta.url), 'utf8');

/** The rows of the first table after `heading`: each row's cells, code spans unwrapped. */
function tableAfter(heading: string): string[][] {
  const start = contract.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`docs/contract.md has no "${heading}"`);
  const rows: string[][] = [];
  for (const line of contract.slice(start + heading.length + 2).split('\n')) {
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    const cells = line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim());
    if (
      cells.every((cell) => /^-+$/.test(cell)) ||
      cells[0] === 'step' ||
      cells[0] === 'token check'
    )
      continue;
    rows.push(cells.map((cell) => cell.replace(/^`([^`]*)`$/, '$1')));
  }
  return rows;
}

const tokenChecks = tableAfter('### Checking one token').map(([number, , reason]) => ({
  number: number as string,
  reason: reason as string,
}));

const checks: Check[] = tableAfter('### The checks, in order').flatMap(
  ([step, , reason, header]): Check[] =>
    reason === 'token check'
      ? tokenChecks.map((check) => ({
          name: `${header} token check ${check.number}`,
          reason: check.reason,
          header: header as string,
        }))
      : [{ name: `step ${step}`, reason: reason as string, header: header as string }],
);

// The world every fault is applied to: alice has a JWT key and is a member of acme.
const NOW = 1_764_300_000;
const ALICE = { apiKey: 'ak_alice', jwtKey: 'jk_alice_order_secret' };
const ACME = { appKey: 'app_acme', appSecret: 'as_acme_order_secret' };

/** What a fault does to one token: which field it writes, and how. */
interface TokenFault {
  field: string;
  apply(token: TokenParts): void;
}
interface TokenParts {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  secret: string;
  extraSegment: boolean;
}

const TOKEN_FAULTS: Record<string, TokenFault> = {
  '1': {
    field: 'structure',
    apply: (t) => {
      t.extraSegment = true;
    },
  },
  '2': {
    field: 'alg',
    apply: (t) => {
      t.header.alg = 'HS512';
    },
  },
  '3': {
    field: 'secret',
    apply: (t) => {
      t.secret = `${t.secret}-wrong`;
    },
  },
  '4': {
    field: 'exp',
    apply: (t) => {
      delete t.claims.exp;
    },
  },
  '5': {
    field: 'key',
    apply: (t) => {
      t.claims.key = 42;
    },
  },
  '6': {
    field: 'exp',
    apply: (t) => {
      t.claims.exp = NOW - 60;
    },
  },
  '7': {
    field: 'exp',
    apply: (t) => {
      t.claims.exp = NOW + 3600;
    },
  },
  '8': {
    field: 'key',
    apply: (t) => {
      t.claims.key = 'ak_someone_else';
    },
  },
};

/** The fields each step's fault writes (a token check's: its header and the token field). */
function fieldsOf(check: Check): string[] {
  const tokenCheck = / token check (\d+)$/.exec(check.name)?.[1];
  if (tokenCheck !== undefined) {
    return [`${check.header}:${(TOKEN_FAULTS[tokenCheck] as TokenFault).field}`];
  }
  const fields: Record<string, string[]> = {
    missing_api_key: ['x-api-key'],
    unknown_api_key: ['x-api-key'],
    missing_signature: ['x-signature'],
    missing_app_key: ['x-app-key', 'app pair'],
    missing_app_signature: ['x-app-signature', 'app pair'],
    unknown_app_key: ['x-app-key'],
    not_a_member: ['membership'],
  };
  const found = fields[check.reason];
  if (found === undefined) throw new Error(`no fault for ${check.name} (${check.reason})`);
  return found;
}

function token(header: string, key: string, secret: string, faults: Check[]): string {
  const parts: TokenParts = {
    header: { alg: 'HS256', typ: 'JWT' },
    claims: { key, exp: NOW + 15 },
    secret,
    extraSegment: false,
  };
  for (const fault of faults) {
    const number = / token check (\d+)$/.exec(fault.name)?.[1];
    if (fault.header === header && number !== undefined) TOKEN_FAULTS[number]?.apply(parts);
  }
  const made = forgeToken(parts.header, parts.claims, parts.secret);
  return parts.extraSegment ? `${made}.e30` : made;
}

/** The request and lookups with these faults in them. */
function world(faults: Check[]): { headers: Record<string, string>; options: VerifyOptions } {
  const has = (reason: string) =>
    faults.some((fault) => fault.reason === reason && !fault.name.includes('token'));
  const headers: Record<string, string> = {};
  if (!has('missing_api_key'))
    headers['x-api-key'] = has('unknown_api_key') ? 'ak_nobody' : ALICE.apiKey;
  if (!has('missing_signature')) {
    headers['x-signature'] = token('x-signature', ALICE.apiKey, ALICE.jwtKey, faults);
  }
  if (!has('missing_app_key'))
    headers['x-app-key'] = has('unknown_app_key') ? 'app_nobody' : ACME.appKey;
  if (!has('missing_app_signature')) {
    headers['x-app-signature'] = token('x-app-signature', ACME.appKey, ACME.appSecret, faults);
  }
  const member = !has('not_a_member');
  return {
    headers,
    options: {
      users: (apiKey) => (apiKey === ALICE.apiKey ? { jwtKey: ALICE.jwtKey } : null),
      organizations: (appKey) =>
        appKey === ACME.appKey ? { appSecret: ACME.appSecret, isMember: () => member } : null,
      clock: () => NOW * 1000,
    },
  };
}

const verify = (faults: Check[]) => {
  const { headers, options } = world(faults);
  return verifyHeadersWith(syncBackend().backend, headers, options);
};

describe('docs/contract.md, read', () => {
  it('lists 9 steps, 8 token checks, and every reason code the engine can give', () => {
    expect(tokenChecks).toHaveLength(8);
    expect(checks).toHaveLength(7 + 2 * 8);
    expect(new Set(checks.map((check) => check.reason))).toEqual(new Set(FAILURE_REASONS));
  });
});

describe('the engine checks in the documented order', () => {
  it('accepts the request with no fault in it (the control)', async () => {
    expect(await verify([])).toEqual({
      ok: true,
      apiKey: ALICE.apiKey,
      appKey: ACME.appKey,
      signed: true,
      mode: 'signed-organization',
    });
  });

  for (const [index, check] of checks.entries()) {
    const expected = {
      ok: false,
      reason: check.reason,
      header: check.header,
      status: check.reason === 'not_a_member' ? 403 : 401,
    };

    it(`${check.name} alone: ${check.reason} (${check.header})`, async () => {
      expect(await verify([check])).toEqual(expected);
    });

    const later = checks.slice(index + 1).filter((other) => {
      const mine = fieldsOf(check);
      return !fieldsOf(other).some((field) => mine.includes(field));
    });
    it(`${check.name} decides over the ${later.length} later checks it can be combined with`, async () => {
      for (const other of later) {
        const result = await verify([check, other]);
        expect(result, `${check.name} + ${other.name}`).toEqual(expected);
      }
    });
  }
});
