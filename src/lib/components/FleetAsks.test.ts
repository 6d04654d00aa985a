// @vitest-environment jsdom
import { mount, tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readApproval } from '../stores/approval-items';
import { gatewaySettings } from '../stores/connection';
import {
  forgetFleetDecisions,
  registerFleetGateway,
  type FleetGateway,
} from '../stores/fleet-gateways';
import type { Signal } from '../stores/fleet-signals';
import FleetAsks from './FleetAsks.svelte';

const signal: Signal = {
  kind: 'approval',
  profileId: 'beta',
  key: 'beta|approval',
  count: 1,
  detail: '',
  href: '/approvals',
};
const item = (command: string) =>
  readApproval(
    { id: 'a1', request: { command, allowedDecisions: ['allow-once', 'deny'] }, createdAtMs: 1 },
    'exec',
  )!;

/** A fleet connection to beta that offers only `methods`. */
function beta(methods: string[]) {
  const request = vi.fn(async () => ({ ok: true }));
  const gateway: FleetGateway = {
    request,
    can: (m) => methods.includes(m),
    why: (m) => (methods.includes(m) ? undefined : { reason: 'notOffered', method: m }),
    deviceId: () => 'd',
    settle: () => {},
    confirm: async () => {},
  };
  return { request, release: registerFleetGateway('beta', gateway) };
}

const buttons = () => [...document.querySelectorAll('button')].map((b) => b.textContent?.trim());
const press = (name: string) =>
  [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!.click();

let release = () => {};
afterEach(() => {
  release();
  forgetFleetDecisions();
  gatewaySettings.setKey('observer', '');
  document.body.innerHTML = '';
});

describe('an ask waiting on another gateway, in the fleet strip', () => {
  it('offers the decisions the request allows and sends one over that gateway', async () => {
    const gw = beta(['exec.approval.resolve']);
    release = gw.release;
    mount(FleetAsks, {
      target: document.body,
      props: { signal, items: [item('ls')], gateway: 'beta' },
    });
    expect(buttons()).toEqual(['Allow once', 'Deny', 'Open on beta']);
    press('Deny');
    await vi.waitFor(() =>
      expect(gw.request).toHaveBeenCalledWith('exec.approval.resolve', {
        id: 'a1',
        decision: 'deny',
      }),
    );
  });

  it('shows the command with hidden characters revealed, and why it cannot be answered there', async () => {
    release = beta(['exec.approval.list']).release;
    mount(FleetAsks, {
      target: document.body,
      props: { signal, items: [item('ls \u202Egnp.exe')], gateway: 'beta' },
    });
    await tick();
    expect(document.querySelector('[data-testid="fleet-ask-command"]')?.textContent).toBe(
      'ls ⟨U+202E⟩gnp.exe',
    );
    expect(document.querySelector('[role="alert"]')).not.toBeNull();
    const allow = [...document.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Allow once',
    )!;
    expect(allow.disabled).toBe(true);
    expect(document.body.textContent).toContain('exec.approval.resolve');
  });

  it('has no decision buttons in observer mode, only the way to the gateway', () => {
    gatewaySettings.setKey('observer', 'yes');
    release = beta(['exec.approval.resolve']).release;
    mount(FleetAsks, {
      target: document.body,
      props: { signal, items: [item('ls')], gateway: 'beta' },
    });
    expect(buttons()).toEqual(['Open on beta']);
  });
});
