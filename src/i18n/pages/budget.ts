import type { PageCatalogue } from '../../lib/stores/i18n';

const en = {
  'budget.heading': 'Spend budget',
  'budget.where': 'For {url}, kept in this browser only.',
  'budget.daily': 'Daily budget (US$)',
  'budget.monthly': 'Monthly budget (US$)',
  'budget.thresholds': 'Warn at (% of the budget, comma-separated)',
  'budget.save': 'Save budget',
  'budget.saved': 'Budget saved.',
  'budget.none': 'No budget set: enter a daily or monthly amount to be warned.',
  'budget.spent.daily': 'Today: {spent} of {limit} ({percent}%)',
  'budget.spent.monthly': 'This month: {spent} of {limit} ({percent}%)',
  'budget.burn': 'Burn rate: about {rate} per hour',
  'budget.reached.daily': '{percent}% of today’s budget spent (warning at {threshold}%).',
  'budget.reached.monthly': '{percent}% of this month’s budget spent (warning at {threshold}%).',
  'budget.honest':
    'Warnings show (badge on Usage, fleet card, desktop notification where this display allows it) only while a console with this gateway is open. The console does not stop spending by itself.',
  'budget.invalid': 'Amounts must be positive numbers.',
} as const;

export default {
  en,
  'zh-CN': {
    'budget.heading': '支出预算',
    'budget.where': '适用于 {url}，仅保存在此浏览器中。',
    'budget.daily': '每日预算（美元）',
    'budget.monthly': '每月预算（美元）',
    'budget.thresholds': '提醒阈值（预算的百分比，用逗号分隔）',
    'budget.save': '保存预算',
    'budget.saved': '预算已保存。',
    'budget.none': '尚未设置预算：输入每日或每月金额即可收到提醒。',
    'budget.spent.daily': '今日：{spent} / {limit}（{percent}%）',
    'budget.spent.monthly': '本月：{spent} / {limit}（{percent}%）',
    'budget.burn': '消耗速度：约每小时 {rate}',
    'budget.reached.daily': '今日预算已用 {percent}%（提醒阈值 {threshold}%）。',
    'budget.reached.monthly': '本月预算已用 {percent}%（提醒阈值 {threshold}%）。',
    'budget.honest':
      '只有在打开了连接此网关的控制台时，才会显示提醒（“用量”导航徽标、机群卡片，以及此显示器允许时的桌面通知）。控制台不会自行停止支出。',
    'budget.invalid': '金额必须是正数。',
  },
} satisfies PageCatalogue<typeof en>;
