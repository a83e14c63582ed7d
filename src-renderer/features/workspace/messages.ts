/** UI strings of the first-run screen and the sample workspace; same keys in both languages. */
export const messages = {
  zh: {
    'workspace.welcome.title': '欢迎使用 Fieldbook',
    'workspace.welcome.intro':
      'Fieldbook 是交付与售后工程师的离线现场工作手册：客户、站点、集群和合同，现场访问日志，按合同 SLA 计时的事件，以及需要客户签字的交付物。所有数据先保存在本机，无网络也能工作。',
    'workspace.welcome.engineer': '您的姓名',
    'workspace.welcome.engineerHint': '记录在访问日志和事件时间线上，之后可在“设置”中修改。',
    'workspace.welcome.choose': '如何开始？',
    'workspace.sample.title': '加载示例工作区',
    'workspace.sample.description':
      '导入一组贴近真实的示例数据：几家客户及其站点、DCE 与专有云集群、服务合同、现场访问和事件，便于熟悉各项功能。',
    'workspace.sample.load': '加载示例工作区',
    'workspace.sample.loading': '正在导入示例工作区…',
    'workspace.sample.progress': '已导入 {done} / {total} 条记录',
    'workspace.sample.done': '示例工作区已加载：{total} 条记录',
    'workspace.sample.failed': '示例工作区加载失败：{message}',
    'workspace.sample.notEmpty': '工作区已有数据，未加载示例。',
    'workspace.empty.title': '从空白开始',
    'workspace.empty.description': '不导入任何数据，直接新建您自己的第一个客户。',
    'workspace.empty.start': '从空白开始',
    'workspace.server.title': '从服务器同步',
    'workspace.server.description':
      '已有同步服务器账号？登录后，分配给您的客户、站点和合同会同步到本机。',
    'workspace.server.signIn': '登录服务器',
    'workspace.checking': '正在检查本地工作区…',
  },
  en: {
    'workspace.welcome.title': 'Welcome to Fieldbook',
    'workspace.welcome.intro':
      'Fieldbook is the offline field workbook of delivery and support engineers: customers, sites, clusters and contracts, visit logs, incidents timed against the contracted SLA, and the deliverables the customer signs. Everything is saved on this computer first and works without a network.',
    'workspace.welcome.engineer': 'Your name',
    'workspace.welcome.engineerHint':
      'Written on visit logs and incident timelines; you can change it later in Settings.',
    'workspace.welcome.choose': 'How do you want to start?',
    'workspace.sample.title': 'Load the sample workspace',
    'workspace.sample.description':
      'Imports realistic sample data: a few customers with their sites, DCE and private-cloud clusters, service contracts, visits and incidents, to get to know every feature.',
    'workspace.sample.load': 'Load sample workspace',
    'workspace.sample.loading': 'Importing the sample workspace…',
    'workspace.sample.progress': '{done} of {total} records imported',
    'workspace.sample.done': 'Sample workspace loaded: {total} records',
    'workspace.sample.failed': 'The sample workspace could not be loaded: {message}',
    'workspace.sample.notEmpty': 'The workspace already has data; the sample was not loaded.',
    'workspace.empty.title': 'Start empty',
    'workspace.empty.description': 'Import nothing and create your own first customer.',
    'workspace.empty.start': 'Start empty',
    'workspace.server.title': 'Sync from a server',
    'workspace.server.description':
      'Have a sync server account? Sign in and the customers, sites and contracts assigned to you come to this computer.',
    'workspace.server.signIn': 'Sign in to a server',
    'workspace.checking': 'Checking the local workspace…',
  },
} as const;
