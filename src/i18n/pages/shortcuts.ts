import type { PageCatalogue } from '../../lib/stores/i18n';

// The keyboard-shortcut help, loaded when first opened.
const en = {
  'keys.heading': 'Keyboard shortcuts',
  'keys.goTo': 'Go to {page}',
  'keys.search': 'Search sessions',
  'keys.retry': 'Retry the connection now',
  'keys.help': 'Show or hide this help',
  'keys.close': 'Close',
  'keys.palette': 'Open the command palette: jump to a page, session or action',
};

export default {
  en,
  'zh-CN': {
    'keys.heading': '键盘快捷键',
    'keys.goTo': '转到{page}',
    'keys.search': '搜索会话',
    'keys.retry': '立即重试连接',
    'keys.help': '显示或隐藏此帮助',
    'keys.close': '关闭',
    'keys.palette': '打开命令面板：跳转到页面、会话或操作',
  },
} satisfies PageCatalogue<typeof en>;
