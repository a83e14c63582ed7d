/** UI strings of the local store (opening, errors, sample-workspace import). */
export const messages = {
  zh: {
    'db.opening': '正在打开本地数据库…',
    'db.openFailed': '无法打开本地数据库',
    'db.openFailedHint':
      '数据保存在本机，未丢失。请重试；如果问题持续，请重启 Fieldbook 或联系管理员。',
    'db.keyUnavailable': '无法从系统密钥库读取数据库密钥。',
    'db.retry': '重试',
    'db.details': '技术详情',
    'db.sampleLoading': '正在导入示例工作区：{done} / {total}',
  },
  en: {
    'db.opening': 'Opening the local database…',
    'db.openFailed': 'The local database could not be opened',
    'db.openFailedHint':
      'Your data stays on this computer and is not lost. Try again; if it keeps failing, restart Fieldbook or contact your administrator.',
    'db.keyUnavailable': "The database key could not be read from the system's key store.",
    'db.retry': 'Try again',
    'db.details': 'Technical details',
    'db.sampleLoading': 'Importing the sample workspace: {done} / {total}',
  },
} as const;

export type DbMessageKey = keyof (typeof messages)['zh'];
