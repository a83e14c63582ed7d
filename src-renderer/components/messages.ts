/** UI strings of the shared components; the same keys in both languages (a unit test checks). */
export const messages = {
  zh: {
    'lifecycle.supported': '受支持',
    'lifecycle.eoss': '停止标准支持',
    'lifecycle.eol': '停止所有支持服务',
    'lifecycle.unknown': '生命周期未知',
    'lifecycle.unknownHint': '政策中没有 {product} {version} 所属版本系列的生命周期日期。',
    'lifecycle.tooltip':
      '{series}：正式发布 {ga}；停止标准支持 {eoss} 之后；停止所有支持服务 {eosl} 之后（按 {date} 计算）',
    'lifecycle.label': '产品生命周期状态',
    'secret.masked': '已隐藏',
    'secret.reveal': '显示密码',
    'secret.conceal': '隐藏密码',
    'secret.empty': '未设置',
    'timeZone.placeholder': '选择时区',
    'timeZone.label': '时区',
  },
  en: {
    'lifecycle.supported': 'Supported',
    'lifecycle.eoss': 'End of standard support',
    'lifecycle.eol': 'End of life',
    'lifecycle.unknown': 'Lifecycle unknown',
    'lifecycle.unknownHint':
      'The policy has no lifecycle dates for the series of {product} {version}.',
    'lifecycle.tooltip':
      '{series}: GA {ga}; standard support ends after {eoss}; all support ends after {eosl} (as of {date})',
    'lifecycle.label': 'Product lifecycle status',
    'secret.masked': 'Hidden',
    'secret.reveal': 'Show password',
    'secret.conceal': 'Hide password',
    'secret.empty': 'Not set',
    'timeZone.placeholder': 'Select a time zone',
    'timeZone.label': 'Time zone',
  },
} as const;
