// The bench's scripted fake gateway, for floods and soaks the real gateway cannot
// produce (it coalesces deltas to ~one per 150 ms per run): the e2e fake
// (e2e/fake/fake-gateway.mjs), registered for clean-up so that a failed or
// interrupted bench never leaves it listening.
import { startFakeGateway as startScriptedGateway } from '../../e2e/fake/fake-gateway.mjs';
import { onCleanup } from './lifecycle.mjs';

/** Starts the fake on a free 127.0.0.1 port (options as the e2e fake's); stopped by stopAll() unless closed first. */
export async function startFakeGateway(options) {
  const fake = await startScriptedGateway(options);
  const close = fake.close;
  fake.close = onCleanup(`fake gateway ${fake.url}`, close);
  return fake;
}
