import type { PageCatalogue } from '../../lib/stores/i18n';

// Desktop notifications, written by the lazily loaded alert and budget watchers.
const en = {
  'alerts.runFailed': 'A run failed',
  'alerts.myRunDone': 'Your run finished',
  'alerts.myRunStopped': 'Your run was stopped',
  'alerts.approval': 'Approval waiting',
  'alerts.approvalBody': {
    one: '{count} request waits for an operator',
    other: '{count} requests wait for an operator',
  },
  'alerts.down': 'Gateway unreachable',
  'alerts.channelDown': 'Channel down',
  'alerts.budget': 'Spend budget reached',
  'alerts.budget.daily': '{percent}% of today’s budget spent on {url}',
  'alerts.budget.monthly': '{percent}% of this month’s budget spent on {url}',
  'alerts.budgetPaused': 'Spend budget reached: paused',
  'alerts.budgetPausedBody': {
    one: 'Heartbeats and {count} scheduled job paused on {url}; resume them from the overview.',
    other: 'Heartbeats and {count} scheduled jobs paused on {url}; resume them from the overview.',
  },
};

export default {
  en,
  'zh-CN': {
    'alerts.runFailed': '运行失败',
    'alerts.myRunDone': '你发起的运行已完成',
    'alerts.myRunStopped': '你发起的运行已停止',
    'alerts.approval': '等待批准',
    'alerts.approvalBody': '{count} 项请求等待操作员处理',
    'alerts.down': '无法访问网关',
    'alerts.channelDown': '频道中断',
    'alerts.budget': '已达到支出预算',
    'alerts.budget.daily': '{url} 今日预算已用 {percent}%',
    'alerts.budget.monthly': '{url} 本月预算已用 {percent}%',
    'alerts.budgetPaused': '已达到支出预算：已暂停',
    'alerts.budgetPausedBody': {
      other: '已在 {url} 上暂停心跳和 {count} 个定时任务；可在概览中恢复。',
    },
  },
} satisfies PageCatalogue<typeof en>;
