import type { PageCatalogue } from '../../lib/stores/i18n';

const en = {
  'search.heading': 'Search transcripts',
  'search.label': 'Words to find',
  'search.hint': 'Finds messages holding every word, in every session you may see.',
  'search.searching': 'Searching…',
  'search.results': { one: '{count} message found', other: '{count} messages found' },
  'search.none': 'No message holds all of “{query}”.',
  'search.more': 'More messages match: add a word to narrow the search.',
  'search.indexing': 'The gateway is still indexing transcripts: some messages may be missing.',
  'search.role.user': 'User',
  'search.role.assistant': 'Assistant',
  'search.old': 'This gateway cannot search transcripts (it has no sessions.search).',
};

export default {
  en,
  'zh-CN': {
    'search.heading': '搜索对话记录',
    'search.label': '要查找的词',
    'search.hint': '在你可以查看的所有会话中，查找包含全部词语的消息。',
    'search.searching': '正在搜索…',
    'search.results': { other: '找到 {count} 条消息' },
    'search.none': '没有消息同时包含“{query}”中的所有词。',
    'search.more': '还有更多消息匹配：再加一个词来缩小范围。',
    'search.indexing': '网关仍在为对话记录建立索引：可能缺少部分消息。',
    'search.role.user': '用户',
    'search.role.assistant': '助手',
    'search.old': '此网关无法搜索对话记录（它没有 sessions.search）。',
  },
} satisfies PageCatalogue<typeof en>;
