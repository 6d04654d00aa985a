import { can, gatewayHello, request } from './gateway-session';
import { browserZone, rangeEndingToday, usageParams } from './usage-params';
import { readSessionsUsage, readUsageCost, type UsageReport } from './usage-report';

/**
 * How the usage page reads its numbers. `sessions.usage` carries every breakdown (by day,
 * agent, model, session, quarter-hour) but no gateway lists it in `hello-ok.features.methods`
 * (2026.9.6 and 2026.4.29 both leave it out on purpose); measured against both, it answers
 * a read-scoped operator. So it is asked first whenever the scope allows, and `usage.cost`
 * (listed, daily totals only) is the fallback when it fails (a gateway without it, or an
 * operator without the scope, is refused at once). What worked is remembered per connection,
 * so a gateway that refuses it is not asked again on every refresh.
 */

type Way = 'new' | 'legacy' | 'none';
let remembered: { connId: string; way: Way } | undefined;

/** The gateway's error code, when the failure is a refusal from the gateway. */
const refusal = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

// 2026.4.29 validates strictly and names the fields it does not know.
const refusesNewFields = (error: unknown) =>
  refusal(error) === 'INVALID_REQUEST' && /unexpected property/i.test(String(error));

/** Reads the last `days` days of usage from the gateway, in the best way it offers. */
export async function loadUsage(days: number, now = Date.now()): Promise<UsageReport> {
  const connId = gatewayHello.get()?.connId ?? '';
  if (remembered?.connId !== connId) remembered = { connId, way: 'new' };
  const zone = browserZone(now);
  const range = rangeEndingToday(days, now, zone.offsetMinutes);
  let failure: unknown;
  if (remembered.way !== 'none') {
    const ask = (legacy: boolean) =>
      request('sessions.usage', { ...usageParams(range, zone, legacy), limit: 1000 });
    try {
      const payload = await ask(remembered.way === 'legacy').catch((error: unknown) => {
        if (remembered?.way !== 'new' || !refusesNewFields(error)) throw error;
        remembered.way = 'legacy';
        return ask(true);
      });
      return readSessionsUsage(payload, range.startDate, range.endDate);
    } catch (error) {
      failure = error;
      // A refusal is for good on this connection; a timeout or a drop may pass.
      if (refusal(error) && remembered.connId === connId) remembered.way = 'none';
    }
  }
  if (!can.get()('usage.cost')) throw failure ?? new Error('usage.cost');
  const payload = await request(
    'usage.cost',
    usageParams(range, zone, remembered.way === 'legacy'),
  );
  return readUsageCost(payload, range.startDate, range.endDate);
}

/** Forgets which way worked (tests; a new connection forgets by itself). */
export function forgetUsageWay(): void {
  remembered = undefined;
}
