import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { answer, connectLive, sentCount } from '../testing/live';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { disconnect } from './connection';
import { gatewayHello } from './gateway-session';
import {
  devicePairing,
  pairedDevices,
  pendingDevices,
  removeDevice,
  renameDevice,
  revokeDeviceToken,
} from './devices';
import { approveNodeCapabilities, nodeDetails, nodes, toggleNodeDetail } from './nodes';

type Rpc<T> = { response: { payload: T } };
const nodeList = () =>
  fixture<Rpc<{ nodes: unknown[] }>>('rpc/node.list.connected.json').response.payload;
const paired = () =>
  fixture<Rpc<{ paired: Array<{ deviceId: string }> }>>('rpc/device.pair.list.paired.json').response
    .payload;
const NODE = '093cce8659615875026396b29329dcfe8359fd46234de9abb39cafabab6f5da6';
const PAIRING = (hello: { payload: unknown }) => {
  (hello.payload as { auth: { scopes: string[] } }).auth.scopes = [
    'operator.read',
    'operator.pairing',
  ];
};

beforeEach(() => useFakePlatform());

/** Answers the n-th request of a method (a re-read after an action is a new request). */
async function answerNth(socket: FakeWebSocket, method: string, n: number, payload: unknown) {
  await vi.waitFor(() => expect(sentCount(socket, method)).toBe(n));
  await answer(socket, method, payload);
}
afterEach(() => {
  cleanStores(nodes, devicePairing, pairedDevices, pendingDevices, nodeDetails);
  disconnect();
});

describe('nodes', () => {
  it('reads the real node.list answer and applies host stats and presence events', async () => {
    nodes.listen(() => {});
    const socket = await connectLive(PAIRING);
    await answer(socket, 'node.list', nodeList());
    await vi.waitFor(() => expect(nodes.get().value.size).toBe(1));
    expect(nodes.get().value.get(NODE)).toMatchObject({
      connected: true,
      approvalState: 'pending-approval',
      pendingDeclaredCaps: ['tool-events'],
      caps: [],
    });
    const hostStats = { cpuCount: 2, memoryTotalBytes: 8e9, memoryFreeBytes: 2e9, updatedAtMs: 5 };
    socket.receive({
      type: 'event',
      event: 'node.hostStats',
      payload: { nodeId: NODE, hostStats },
    });
    await vi.waitFor(() => expect(nodes.get().value.get(NODE)?.hostStats).toEqual(hostStats));
    // Stats of the wrong kind are not applied; an unknown node is ignored.
    socket.receive({
      type: 'event',
      event: 'node.hostStats',
      payload: { nodeId: 'other', hostStats },
    });
    socket.receive({
      type: 'event',
      event: 'node.presence',
      payload: { nodeId: NODE, lastActiveAtMs: 9 },
    });
    await vi.waitFor(() => expect(nodes.get().value.get(NODE)?.lastActiveAtMs).toBe(9));
    expect(nodes.get().value.has('other')).toBe(false);
  });

  it('approves what a node declared by its pending request, then reads the list again', async () => {
    nodes.listen(() => {});
    const socket = await connectLive(PAIRING);
    await answer(socket, 'node.list', nodeList());
    await vi.waitFor(() => expect(nodes.get().value.size).toBe(1));
    const approve = approveNodeCapabilities(nodes.get().value.get(NODE)!);
    await answer(socket, 'node.pair.approve', {
      requestId: 'bb9477f1-8668-4f43-b79b-c3ec73f03b12',
    });
    await answerNth(socket, 'node.list', 2, nodeList());
    expect(await approve).toEqual({ ok: true });
    expect(socket.lastRequest('node.pair.approve').params).toEqual({
      requestId: 'bb9477f1-8668-4f43-b79b-c3ec73f03b12',
    });
  });

  it('opens a node’s description from node.describe', async () => {
    nodes.listen(() => {});
    nodeDetails.listen(() => {});
    const socket = await connectLive(PAIRING);
    const open = toggleNodeDetail(NODE);
    await answer(
      socket,
      'node.describe',
      fixture<Rpc<unknown>>('rpc/node.describe.json').response.payload,
    );
    await open;
    expect(socket.lastRequest('node.describe').params).toEqual({ nodeId: NODE });
    expect(nodeDetails.get().get(NODE)).toMatchObject({ node: { nodeId: NODE } });
    await toggleNodeDetail(NODE);
    expect(nodeDetails.get().has(NODE)).toBe(false);
  });
});

describe('paired devices', () => {
  it('lists the real paired devices with the console’s own first, keeping pending ones apart', async () => {
    pairedDevices.listen(() => {});
    pendingDevices.listen(() => {});
    const socket = await connectLive(PAIRING);
    // The console's own device id comes from its identity; put it in the gateway's list.
    const own = gatewayHello.get()!.deviceId;
    const list = paired();
    list.paired[1]!.deviceId = own;
    await answer(socket, 'device.pair.list', list);
    await vi.waitFor(() => expect(pairedDevices.get()).toHaveLength(2));
    expect(pendingDevices.get()).toEqual([]);
    expect(pairedDevices.get().map((row) => [row.device.deviceId, row.self])).toEqual([
      [own, true],
      [NODE, false],
    ]);
    const node = pairedDevices.get().find((row) => row.device.deviceId === NODE)!.device;
    expect(node).toMatchObject({ roles: ['node'], tokens: [{ role: 'node', scopes: [] }] });
  });

  it('renames, revokes and removes through the gateway, checking the label first', async () => {
    pairedDevices.listen(() => {});
    const socket = await connectLive(PAIRING);
    await answer(socket, 'device.pair.list', paired());
    expect(await renameDevice(NODE, '   ')).toEqual({ ok: false, error: 'label' });
    expect(await renameDevice(NODE, 'x'.repeat(65))).toEqual({ ok: false, error: 'label' });
    const rename = renameDevice(NODE, '  Build box ');
    await answer(socket, 'device.pair.rename', { deviceId: NODE, label: 'Build box' });
    await answerNth(socket, 'device.pair.list', 2, {
      paired: [{ ...paired().paired[0], operatorLabel: 'Build box' }],
    });
    expect(await rename).toEqual({ ok: true });
    expect(socket.lastRequest('device.pair.rename').params).toEqual({
      deviceId: NODE,
      label: 'Build box',
    });
    expect(pairedDevices.get()[0]!.device.label).toBe('Build box');
    const revoke = revokeDeviceToken(NODE, 'node');
    await answer(socket, 'device.token.revoke', {});
    await answerNth(socket, 'device.pair.list', 3, paired());
    expect(await revoke).toEqual({ ok: true });
    expect(socket.lastRequest('device.token.revoke').params).toEqual({
      deviceId: NODE,
      role: 'node',
    });
    const remove = removeDevice(NODE);
    await answer(socket, 'device.pair.remove', null, {
      code: 'INVALID_REQUEST',
      message: 'unknown deviceId',
    });
    await answerNth(socket, 'device.pair.list', 4, paired());
    expect(await remove).toEqual({ ok: false, error: 'unknown deviceId (INVALID_REQUEST)' });
  });
});
