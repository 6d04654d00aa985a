import { cleanStores, keepMount } from 'nanostores';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { answer, connectLive, sentCount } from '../testing/live';
import { approvalHref } from './approvals';
import { asks } from './approvals-inbox';
import { approvalsPage } from './approvals-page';
import { disconnect } from './connection';
import { router } from './router';

afterEach(() => {
  cleanStores(approvalsPage, asks);
  disconnect();
  router.open('/');
});

// A record as the real 2026.9.6 gateway's approval.get returns it once another device denied it.
const denied = {
  id: 'gone',
  presentation: { kind: 'exec', commandText: 'git push --force', allowedDecisions: ['deny'] },
  status: 'denied',
  decision: 'deny',
  resolver: { kind: 'device', id: 'f00dfeedbeef0123' },
  createdAtMs: 1,
  resolvedAtMs: 2,
};

describe('the approvals page', () => {
  it('shows the record of a linked approval resolved before its inbox loaded, after a reload', async () => {
    useFakePlatform();
    // The link is read first; the connection comes up after (a full page load).
    router.open(approvalHref('gone'));
    keepMount(approvalsPage);
    const page = approvalsPage.get()!;
    keepMount(page.selected);
    const socket = await connectLive((hello) => {
      const p = hello.payload as unknown as { auth: { scopes: string[] } };
      p.auth.scopes = ['operator.admin', 'operator.approvals', 'operator.questions'];
    });
    expect(sentCount(socket, 'approval.get')).toBe(0);
    await answer(socket, 'exec.approval.list', []);
    await answer(socket, 'plugin.approval.list', []);
    await answer(socket, 'question.list', { questions: [] });
    await answer(socket, 'approval.get', { approval: denied });
    await vi.waitFor(() => expect(page.selected.get()?.status).toBe('denied'));
    expect(page.selected.get()).toMatchObject({ id: 'gone', resolverDevice: 'f00dfeedbeef0123' });
    expect(socket.lastRequest('approval.get').params).toEqual({ id: 'gone' });
    expect(sentCount(socket, 'approval.get')).toBe(1);
  });
});
