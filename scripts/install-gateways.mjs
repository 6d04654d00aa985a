// Installs the real gateways the end-to-end tests start (Node 24 and openclaw,
// current and legacy) into the git-ignored .openclaw/ folder; reused when present.
import { ensureRuntime } from '../harness/gateway/runtime.mjs';

for (const version of ['2026.9.6', '2026.4.29']) {
  const started = Date.now();
  await ensureRuntime(version);
  console.log(`openclaw ${version} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
