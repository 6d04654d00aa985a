import type { PageCatalogue } from '../../lib/stores/i18n';

const en = {
  'connect.profile': 'Profile name (optional)',
  'connect.profileHint':
    'Saves this gateway so you can switch to it later and see it in the fleet view. No credential is stored in the profile.',
  'connect.heading': 'Connect to a gateway',
  'connect.url': 'Gateway URL',
  'connect.urlHint': 'For example ws://127.0.0.1:18789 or wss://gateway.example.com',
  'connect.token': 'Token',
  'connect.password': 'Password',
  'connect.passwordHint': 'Kept in memory only; you will be asked again after a reload.',
  'connect.remember': 'Remember the token on this device',
  'connect.rememberHint': 'Otherwise it is kept only until this tab closes.',
  'connect.observer': 'Observer (read-only): ask only for read access',
  'connect.observerHint': 'Nothing you do here can change the gateway; good for a shared screen.',
  'connect.submit': 'Connect',
  'connect.forget': 'Forget this gateway',
  'connect.forgotten': 'Token, password and device token for {url} were forgotten.',
  'connect.badUrl': 'Enter a ws:// or wss:// address.',

  'connect.rememberTruth':
    'Either way, the gateway gives this browser a device token on the first connect; it stays on this device and signs the browser in again after a restart, until you choose Forget this gateway.',
};

export default {
  en,
  'zh-CN': {
    'connect.profile': '配置名称（可选）',
    'connect.profileHint': '保存此网关，以便之后切换并在网关群视图中查看。配置中不保存任何凭据。',
    'connect.heading': '连接到网关',
    'connect.url': '网关地址',
    'connect.urlHint': '例如 ws://127.0.0.1:18789 或 wss://gateway.example.com',
    'connect.token': '令牌',
    'connect.password': '密码',
    'connect.passwordHint': '仅保存在内存中，重新加载后需再次输入。',
    'connect.remember': '在此设备上记住令牌',
    'connect.rememberHint': '否则只保存到关闭此标签页为止。',
    'connect.observer': '观察者（只读）：只请求读取权限',
    'connect.observerHint': '在此所做的一切都不会更改网关；适合共享屏幕。',
    'connect.submit': '连接',
    'connect.forget': '忘记此网关',
    'connect.forgotten': '已忘记 {url} 的令牌、密码和设备令牌。',
    'connect.badUrl': '请输入 ws:// 或 wss:// 地址。',

    'connect.rememberTruth':
      '无论是否勾选，网关都会在首次连接时给此浏览器颁发设备令牌；它保存在本设备上，重启浏览器后仍会用它自动登录，直到你选择“忘记此网关”。',
  },
} satisfies PageCatalogue<typeof en>;
