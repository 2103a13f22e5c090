/**
 * Deno and Bun run this file as it is: it imports the package by its own name (so from
 * dist/, through package.json "exports"), runs the smoke suite on the JSON input in
 * APISIG_SMOKE_INPUT, and prints the results as one JSON line.
 */
import { createSignedFetch, createSigner } from '@apisig/web';
import { failureResponse, verifyHeaders, verifyRequest } from '@apisig/web/verify';
import { runSmoke, type SmokeInput } from './smoke-suite.ts';

declare const Deno: { env: { get(name: string): string | undefined } } | undefined;
declare const process: { env: Record<string, string | undefined> };

const raw =
  typeof Deno !== 'undefined' ? Deno.env.get('APISIG_SMOKE_INPUT') : process.env.APISIG_SMOKE_INPUT;
const input = JSON.parse(raw ?? 'null') as SmokeInput;
const sdk = { createSigner, createSignedFetch, verifyHeaders, verifyRequest, failureResponse };
const results = await runSmoke(sdk, input);
const resolved = [import.meta.resolve('@apisig/web'), import.meta.resolve('@apisig/core')];
console.log(JSON.stringify({ resolved, results }));
