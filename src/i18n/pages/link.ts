import type { PageCatalogue } from '../../lib/stores/i18n';

// What a shared or one-time link asks or warns about, loaded only when a link does.
const en = {
  'link.proposalHeading': 'This link wants to switch the console to another gateway',
  'link.proposalBody':
    'This browser has not used {url} before. Connect only if you trust whoever gave you the link: the console would send what you type to that gateway and show what it says.',
  'link.proposalToken': 'The link also carries a token for it; it is kept only if you agree.',
  'link.accept': 'Connect to {url}',
  'link.decline': 'Ignore the link',
  'link.badScheme':
    'The link named {url}, which is not a ws:// or wss:// gateway address; it was ignored.',
  'link.tokenInUrl':
    'This link carried the token in its address. The address bar no longer shows it, but the browser’s history (and any synced history) may still hold it: delete that history entry, or use the one-time link that npm start prints.',
  'link.codeUnusable':
    'This one-time link was already used or has expired. Open the newest link npm start printed (it prints a fresh one when an old one is tried), or enter the token in the form.',
  'link.dismiss': 'Dismiss',
};

export default {
  en,
  'zh-CN': {
    'link.proposalHeading': '此链接要求把控制台切换到另一个网关',
    'link.proposalBody':
      '此浏览器从未使用过 {url}。只有在你信任提供此链接的人时才连接：控制台会把你输入的内容发送到该网关，并显示它返回的内容。',
    'link.proposalToken': '此链接还带有该网关的令牌；只有你同意后才会保存。',
    'link.accept': '连接到 {url}',
    'link.decline': '忽略此链接',
    'link.badScheme': '链接指定的 {url} 不是 ws:// 或 wss:// 网关地址，已忽略。',
    'link.tokenInUrl':
      '此链接在地址中携带了令牌。地址栏已不再显示它，但浏览器历史记录（以及同步的历史记录）可能仍保存着它：请删除该历史记录，或使用 npm start 打印的一次性链接。',
    'link.codeUnusable':
      '此一次性链接已被使用或已过期。请打开 npm start 最新打印的链接（尝试旧链接时它会打印新的链接），或在表单中输入令牌。',
    'link.dismiss': '关闭',
  },
} satisfies PageCatalogue<typeof en>;
