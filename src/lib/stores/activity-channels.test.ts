import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { connectLive } from '../testing/live';
import { quietChannels, readChannelActivity } from './activity-channels';
import { disconnect } from './connection';

const message = (id: string, type: string, channel: string, at: number, status = 'succeeded') => ({
  schemaVersion: 1,
  eventType: type,
  eventId: id,
  sequence: at,
  occurredAt: at,
  kind: 'message',
  action: 'message.processed',
  status,
  direction: type === 'inbound_message' ? 'inbound' : 'outbound',
  channel,
  conversationKind: 'direct',
  outcome: status === 'failed' ? 'failed' : 'completed',
});

beforeEach(() => void useFakePlatform());
afterEach(() => disconnect());

describe('channel activity for the watchdog', () => {
  it('pages message rows and finds channels quiet for too long', async () => {
    const socket = await connectLive();
    const reading = readChannelActivity(1_000, 2);
    const lists = () => socket.sent.filter((f) => f.method === 'audit.activity.list');
    await vi.waitFor(() => expect(lists()).toHaveLength(1));
    expect(lists()[0]!.params).toEqual({ kind: 'message', after: 1_000, limit: 500 });
    socket.receive({
      type: 'res',
      id: lists()[0]!.id,
      ok: true,
      payload: {
        events: [
          message('a', 'inbound_message', 'telegram', 9_000),
          message('b', 'outbound_message', 'telegram', 9_500, 'failed'),
          message('c', 'inbound_message', 'slack', 2_000),
        ],
        nextCursor: 'next',
      },
    });
    await vi.waitFor(() => expect(lists()).toHaveLength(2));
    expect(lists()[1]!.params).toMatchObject({ cursor: 'next' });
    socket.receive({
      type: 'res',
      id: lists()[1]!.id,
      ok: true,
      payload: {
        events: [message('d', 'inbound_message', 'telegram', 1_500, 'failed')],
        nextCursor: 'more',
      },
    });
    const report = await reading;
    expect(report.partial).toBe(true);
    expect(report.channels.get('telegram')).toEqual({
      channel: 'telegram',
      lastInboundAt: 9_000,
      lastOutboundAt: 9_500,
      failed: 2,
      lastFailureAt: 9_500,
    });
    expect(quietChannels(report, ['telegram', 'slack', 'discord'], 10_000, 5_000)).toEqual([
      'slack',
      'discord',
    ]);
    // Nothing recorded is not silence.
    expect(quietChannels({ ...report, recording: false }, ['slack'], 10_000, 5_000)).toEqual([]);
  });
});
