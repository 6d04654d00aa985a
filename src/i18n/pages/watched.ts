import type { PageCatalogue } from '../../lib/stores/i18n';

// "A session I watch": the session page's toggle (its notices: watched-alerts.ts).
const en = {
  'watched.toggle': 'Notify me about this session',
  'watched.hint': 'When any run here finishes or fails while this tab is hidden.',
  'watched.notifyOff':
    'Desktop notifications are off on this display, so nothing will be shown yet.',
  'watched.turnOn': 'Turn on notifications',
  'watched.denied': 'The browser blocks notifications for this site.',
};

export default {
  en,
  'zh-CN': {
    'watched.toggle': '关注此会话并通知我',
    'watched.hint': '此标签页处于后台时，这里的任何运行完成或失败都会通知你。',
    'watched.notifyOff': '此显示器上的桌面通知已关闭，因此暂时不会显示任何通知。',
    'watched.turnOn': '开启通知',
    'watched.denied': '浏览器已阻止此网站的通知。',
  },
} satisfies PageCatalogue<typeof en>;
