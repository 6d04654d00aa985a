import type { PageCatalogue } from '../../lib/stores/i18n';

const en = {
  'fleet.heading': 'Gateways',
  'fleet.empty':
    'No saved gateways yet. Give a connection a profile name on the connect form to save it.',
  'fleet.open': 'Open {name}',
  'fleet.runs': { one: '{count} run in flight', other: '{count} runs in flight' },
  'fleet.remove': 'Remove',
  'fleet.healthy': 'healthy',
  'fleet.unhealthy': 'unhealthy',
  'fleet.healthPending': 'health check pending',
};

export default {
  en,
  'zh-CN': {
    'fleet.heading': '网关',
    'fleet.empty': '还没有保存的网关。在连接表单中填写配置名称即可保存。',
    'fleet.open': '打开 {name}',
    'fleet.runs': '{count} 个运行进行中',
    'fleet.remove': '移除',
    'fleet.healthy': '正常',
    'fleet.unhealthy': '异常',
    'fleet.healthPending': '健康检查尚未完成',
  },
} satisfies PageCatalogue<typeof en>;
