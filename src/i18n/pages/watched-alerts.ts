import type { PageCatalogue } from '../../lib/stores/i18n';

// The notices of "a session I watch", written by the lazily loaded alert watcher.
const en = {
  'watched.done': 'A run finished in a session you watch',
  'watched.failed': 'A run failed in a session you watch',
  'watched.stopped': 'A run was stopped in a session you watch',
};

export default {
  en,
  'zh-CN': {
    'watched.done': '你关注的会话中有运行已完成',
    'watched.failed': '你关注的会话中有运行失败',
    'watched.stopped': '你关注的会话中有运行被停止',
  },
} satisfies PageCatalogue<typeof en>;
