import type { PageCatalogue } from '../../lib/stores/i18n';

// The overview's folded operator tools: system event, send to a channel, alerts, diagnostics.
const en = {
  'alerts.heading': 'Alerts on this display',
  'alerts.notify': 'Desktop notifications',
  'alerts.denied':
    'The browser blocks notifications for this page; allow them in its site settings.',
  'alerts.badge': 'Count in the tab title and icon',
  'diag.heading': 'Diagnostics',
  'diag.malformedFrames': 'Malformed frames ignored',
  'diag.unknownEvents': 'Unknown events ignored',
  'diag.seqGaps': 'Event gaps (snapshot re-read)',
  'diag.staleSnapshots': 'Out-of-date snapshots dropped',
  'diag.requestTimeouts': 'Requests timed out',
  'diag.reconnects': 'Reconnects',
  'diag.largestFrame': 'Largest frame (characters)',
  'operator.heading': 'Operator actions',
  'operator.systemEvent': 'System event text',
  'operator.post': 'Post system event',
  'operator.channel': 'Channel (optional)',
  'operator.to': 'Recipient',
  'operator.message': 'Message to send',
  'operator.send': 'Send to channel',
  'diag.unreadableItems': 'Unreadable items dropped',
};

export default {
  en,
  'zh-CN': {
    'alerts.heading': '此显示器的提醒',
    'alerts.notify': '桌面通知',
    'alerts.denied': '浏览器阻止了此页面的通知；请在网站设置中允许。',
    'alerts.badge': '在标签标题和图标上显示计数',
    'diag.heading': '诊断',
    'diag.malformedFrames': '已忽略的格式错误帧',
    'diag.unknownEvents': '已忽略的未知事件',
    'diag.seqGaps': '事件间断（已重新读取快照）',
    'diag.staleSnapshots': '已丢弃的过期快照',
    'diag.requestTimeouts': '超时的请求',
    'diag.reconnects': '重新连接次数',
    'diag.largestFrame': '最大帧（字符）',
    'operator.heading': '操作员操作',
    'operator.systemEvent': '系统事件内容',
    'operator.post': '发布系统事件',
    'operator.channel': '频道（可选）',
    'operator.to': '接收者',
    'operator.message': '要发送的消息',
    'operator.send': '发送到频道',
    'diag.unreadableItems': '已丢弃的无法读取的条目',
  },
} satisfies PageCatalogue<typeof en>;
