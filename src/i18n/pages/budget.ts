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
    'Warnings show (badge on Usage, fleet card, desktop notification where this display allows it) only while a console with this gateway is open. The console does not stop spending by itself unless you turn on the pause below.',
  'budget.invalid': 'Amounts must be positive numbers.',
  'budget.pause': 'At the limit (100 %), pause heartbeats and scheduled jobs on this gateway',
  'budget.pauseHow':
    'It is this browser that pauses, and only while a console with this gateway is open in it. Runs already in flight are left to finish. It pauses once per day or month; “Resume” on the overview turns back on exactly what it paused, and the other operators see an announcement.',
  'budget.pauseConfirm':
    'Saving turns this on: when {url} reaches its limit, this browser turns off every enabled scheduled job and pauses heartbeats there.',
  'budget.saveAndPause': 'Save and turn on the pause',
  'budget.pauseOn': 'The pause at the limit is on for this gateway.',
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
      '只有在打开了连接此网关的控制台时，才会显示提醒（“用量”导航徽标、机群卡片，以及此显示器允许时的桌面通知）。除非开启下面的暂停，控制台不会自行停止支出。',
    'budget.invalid': '金额必须是正数。',
    'budget.pause': '达到上限（100%）时，暂停此网关的心跳和定时任务',
    'budget.pauseHow':
      '执行暂停的是此浏览器，并且仅在其中打开了连接此网关的控制台时才会执行。正在进行的运行会继续完成。每天或每月最多暂停一次；在概览中点击“恢复”会准确地重新开启它所暂停的内容，其他操作员会看到一条通知。',
    'budget.pauseConfirm':
      '保存后即开启：当 {url} 达到上限时，此浏览器会关闭那里所有已启用的定时任务并暂停心跳。',
    'budget.saveAndPause': '保存并开启暂停',
    'budget.pauseOn': '此网关已开启达到上限时暂停。',
  },
} satisfies PageCatalogue<typeof en>;
