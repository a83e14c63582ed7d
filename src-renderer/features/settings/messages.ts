/** UI strings of the settings screen; the same keys in both languages (a unit test checks). */
export const messages = {
  zh: {
    'settings.title': '设置',
    'settings.engineer.title': '工程师',
    'settings.engineer.name': '工程师姓名',
    'settings.engineer.nameHint': '记录在访问日志、事件时间线和交付物签名上。',
    'settings.engineer.placeholder': '例如：张伟',
    'settings.engineer.saved': '已保存工程师姓名',
    'settings.language.title': '界面语言',
    'settings.language.hint': '交付物的语言在生成时单独选择。',
    'settings.workspace.title': '工作区',
    'settings.workspace.empty': '本地工作区是空的。可以加载示例工作区来熟悉 Fieldbook。',
    'settings.workspace.notEmpty': '本地工作区已有数据；示例工作区只能加载到空工作区中。',
    'settings.workspace.sampleHere':
      '本机有 {count} 条示例工作区创建的记录（虚构的客户、现场、集群、合同、访问与事件）。',
    'settings.workspace.remove': '移除示例工作区',
    'settings.workspace.removeTitle': '移除示例工作区？',
    'settings.workspace.removeBody':
      '将删除示例工作区创建的 {count} 条记录，包括您改过的示例记录（它们描述的是虚构的公司，改过也不是真实数据）。您自己新建的记录全部保留。',
    'settings.workspace.removeYours':
      '其中 {count} 条您自己的记录属于示例客户（例如由示例事件生成的报告）：它们保留，但其客户将不再存在。',
    'settings.workspace.removeSync': '如已登录同步服务器，删除会像其他修改一样同步到服务器。',
    'settings.workspace.removeOk': '移除',
    'settings.workspace.removeCancel': '取消',
    'settings.workspace.removed': '已移除示例工作区的 {count} 条记录',
    'settings.workspace.removeFailed':
      '移除示例工作区失败：{message}（未移除的记录保持不变，可以再试一次）',
    'settings.about.title': '关于',
    'settings.about.version': '版本',
    'settings.about.platform': '平台',
    'settings.about.electron': 'Electron',
    'settings.about.locale': '系统语言',
    'settings.about.documentPrefix': '文档编号前缀',
    'settings.about.documentPrefixHint': '（本机专用，使各笔记本出具的交付文档编号互不重复）',
    'settings.about.unavailable': '无法读取应用信息：{message}',
    'settings.about.notElectron': '（非 Electron 环境）',
  },
  en: {
    'settings.title': 'Settings',
    'settings.engineer.title': 'Engineer',
    'settings.engineer.name': 'Engineer name',
    'settings.engineer.nameHint':
      'Written on visit logs, incident timelines and deliverable signatures.',
    'settings.engineer.placeholder': 'e.g. Zhang Wei',
    'settings.engineer.saved': 'Engineer name saved',
    'settings.language.title': 'Interface language',
    'settings.language.hint': 'The language of a deliverable is chosen when it is generated.',
    'settings.workspace.title': 'Workspace',
    'settings.workspace.empty':
      'The local workspace is empty. Load the sample workspace to get to know Fieldbook.',
    'settings.workspace.notEmpty':
      'The local workspace has data; the sample workspace can only be loaded into an empty one.',
    'settings.workspace.sampleHere':
      'This laptop holds {count} records created by the sample workspace (invented customers, sites, clusters, contracts, visits and incidents).',
    'settings.workspace.remove': 'Remove the sample workspace',
    'settings.workspace.removeTitle': 'Remove the sample workspace?',
    'settings.workspace.removeBody':
      'This deletes the {count} records the sample workspace created, including sample records you edited (they describe invented companies: an edit does not make them real). Every record you created yourself stays.',
    'settings.workspace.removeYours':
      '{count} of your own records belong to a sample customer (for example a report made from a sample incident): they stay, but their customer will be gone.',
    'settings.workspace.removeSync':
      'When you are signed in to a sync server, the deletion syncs like any other change.',
    'settings.workspace.removeOk': 'Remove',
    'settings.workspace.removeCancel': 'Cancel',
    'settings.workspace.removed': 'Removed {count} records of the sample workspace',
    'settings.workspace.removeFailed':
      'Removing the sample workspace failed: {message} (what was not removed is unchanged; you can try again)',
    'settings.about.title': 'About',
    'settings.about.version': 'Version',
    'settings.about.platform': 'Platform',
    'settings.about.electron': 'Electron',
    'settings.about.locale': 'System locale',
    'settings.about.documentPrefix': 'Document number prefix',
    'settings.about.documentPrefixHint':
      '(this laptop’s own, so deliverables issued on different laptops never share a number)',
    'settings.about.unavailable': 'Application information unavailable: {message}',
    'settings.about.notElectron': '(not Electron)',
  },
} as const;
