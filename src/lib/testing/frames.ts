import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not `new URL(path, import.meta.url)`: in jsdom tests Vite rewrites that into a web asset URL.
const root = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../fixtures/frames/gateway-2026.9.6/',
);

interface Captured {
  dir: 'in' | 'out';
  frame: Record<string, unknown>;
}

/** Reads a captured fixture file (JSON) from the real 2026.9.6 gateway. */
export function fixture<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(root + path, 'utf8')) as T;
}

/** The first incoming frame of a capture that matches. */
export function frame(
  path: string,
  match: (frame: Record<string, unknown>) => boolean,
): Record<string, unknown> {
  const found = fixture<Captured[]>(path).find((entry) => entry.dir === 'in' && match(entry.frame));
  if (!found) throw new Error(`no matching frame in ${path}`);
  return found.frame;
}

export type HelloFrame = {
  type: 'res';
  id: string;
  ok: true;
  payload: { auth: { deviceToken: string } } & Record<string, unknown>;
};

/** The real hello-ok response, re-addressed to a request id. */
export function helloOk(id: string): HelloFrame {
  return { ...fixture<HelloFrame>('hello-ok.json'), id };
}

/** A connect refusal shaped like the gateway's. */
export function refusal(id: string, message: string, details: Record<string, unknown>) {
  return { type: 'res', id, ok: false, error: { code: 'INVALID_REQUEST', message, details } };
}
