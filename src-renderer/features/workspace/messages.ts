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
    'workspace.transfer.title': '导出与导入',
    'workspace.transfer.intro':
      '把整个工作区（或一个客户）导出为一个加密文件，在另一台笔记本上导入；重复导入不会产生重复记录，两边都改过的记录按同步的合并规则处理。也可用于把隔离网络现场的工作交给能连接服务器的笔记本。',
    'workspace.transfer.export': '导出到文件…',
    'workspace.transfer.import': '从文件导入…',
    'workspace.transfer.exportTitle': '导出工作区',
    'workspace.transfer.exportIntro':
      '文件包含所选范围的全部记录及其照片、附件和 PDF，用密码加密（scrypt + AES-256-GCM）。没有密码无法打开，密码也无法找回。',
    'workspace.transfer.exportOk': '选择位置并导出',
    'workspace.transfer.scope': '导出范围',
    'workspace.transfer.scopeAll': '整个工作区',
    'workspace.transfer.scopeCustomer': '一个客户',
    'workspace.transfer.scopeOf': '客户“{name}”',
    'workspace.transfer.customer': '客户',
    'workspace.transfer.password': '文件密码',
    'workspace.transfer.passwordHint': '至少 {min} 个字符；请通过其他渠道告知接收人。',
    'workspace.transfer.passwordShort': '文件密码至少需要 {min} 个字符',
    'workspace.transfer.confirm': '再次输入密码',
    'workspace.transfer.confirmMismatch': '两次输入的密码不一致',
    'workspace.transfer.fileAll': '工作区',
    'workspace.transfer.phase.reading': '正在读取本地记录…',
    'workspace.transfer.phase.writing': '正在加密并写入文件…',
    'workspace.transfer.phase.opening': '正在解密并校验文件…',
    'workspace.transfer.phase.merging': '正在合并记录…',
    'workspace.transfer.merged': '已处理 {done} / {total} 条记录',
    'workspace.transfer.exported': '已导出 {documents} 条记录和 {blobs} 个文件（{size}）',
    'workspace.transfer.exportedDeleted':
      '其中 {deleted} 条是已删除的记录：导入这个文件的电脑也会删除它们。',
    'workspace.transfer.missingBlobs':
      '有 {count} 个附件不在本机（同步来的记录，文件尚未下载），未包含在导出文件中。',
    'workspace.transfer.importTitle': '从文件导入',
    'workspace.transfer.importIntro':
      '输入导出时设置的密码，然后选择 .fieldbook 文件。密码错误或文件被改动时不会导入任何内容。',
    'workspace.transfer.importOk': '选择文件并导入',
    'workspace.transfer.imported':
      '导入完成：新增 {inserted} 条，合并更新 {updated} 条，删除 {deleted} 条，{unchanged} 条已是最新',
    'workspace.transfer.importedFrom': '文件 {name}：{scope}，导出于 {at}，含 {blobs} 个附件文件。',
    'workspace.transfer.nothingChanged': '本机数据没有任何改动。',
    'workspace.transfer.refused.wrong_password':
      '密码不正确，无法打开 {name}（或文件头被改动过）。',
    'workspace.transfer.refused.tampered':
      '{name} 的内容未通过完整性校验：文件在导出后被改动或已损坏。请让对方重新导出。',
    'workspace.transfer.refused.not_a_workspace_file': '{name} 不是 Fieldbook 工作区文件。',
    'workspace.transfer.refused.newer_format':
      '{name} 由更新版本的 Fieldbook 导出，本版本无法读取。请先升级 Fieldbook。',
    'workspace.transfer.refused.newer_schema':
      '{name} 中的记录使用了更新的数据版本。请先升级 Fieldbook 再导入。',
    'workspace.transfer.refused.invalid_content':
      '{name} 的内容不符合数据规则，未导入。请把此文件交给支持人员。',
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
    'workspace.transfer.title': 'Export and import',
    'workspace.transfer.intro':
      'Export the whole workspace (or one customer) to one encrypted file and import it on another laptop. Importing again creates no duplicates; records changed on both sides merge by the sync rules. This is also how a laptop at an air-gapped site hands its work to one that reaches the server.',
    'workspace.transfer.export': 'Export to file…',
    'workspace.transfer.import': 'Import from file…',
    'workspace.transfer.exportTitle': 'Export the workspace',
    'workspace.transfer.exportIntro':
      'The file holds every record of the chosen scope with its photos, attachments and PDFs, encrypted with a password (scrypt + AES-256-GCM). Without the password it cannot be opened, and the password cannot be recovered.',
    'workspace.transfer.exportOk': 'Choose where and export',
    'workspace.transfer.scope': 'What to export',
    'workspace.transfer.scopeAll': 'The whole workspace',
    'workspace.transfer.scopeCustomer': 'One customer',
    'workspace.transfer.scopeOf': 'customer “{name}”',
    'workspace.transfer.customer': 'Customer',
    'workspace.transfer.password': 'File password',
    'workspace.transfer.passwordHint':
      'At least {min} characters; tell the recipient through another channel.',
    'workspace.transfer.passwordShort': 'The file password needs at least {min} characters',
    'workspace.transfer.confirm': 'Repeat the password',
    'workspace.transfer.confirmMismatch': 'The two passwords differ',
    'workspace.transfer.fileAll': 'workspace',
    'workspace.transfer.phase.reading': 'Reading the local records…',
    'workspace.transfer.phase.writing': 'Encrypting and writing the file…',
    'workspace.transfer.phase.opening': 'Decrypting and checking the file…',
    'workspace.transfer.phase.merging': 'Merging the records…',
    'workspace.transfer.merged': '{done} of {total} records processed',
    'workspace.transfer.exported': 'Exported {documents} records and {blobs} files ({size})',
    'workspace.transfer.exportedDeleted':
      '{deleted} of them are deleted records: the laptop that imports this file deletes them too.',
    'workspace.transfer.missingBlobs':
      '{count} attachments are not on this laptop (synced records whose files were never downloaded) and are not in the file.',
    'workspace.transfer.importTitle': 'Import from a file',
    'workspace.transfer.importIntro':
      'Enter the password set at export, then choose the .fieldbook file. With a wrong password or an altered file nothing is imported.',
    'workspace.transfer.importOk': 'Choose the file and import',
    'workspace.transfer.imported':
      'Imported: {inserted} new, {updated} merged, {deleted} deleted, {unchanged} already up to date',
    'workspace.transfer.importedFrom':
      'File {name}: {scope}, exported {at}, with {blobs} attachment files.',
    'workspace.transfer.nothingChanged': 'Nothing on this laptop was changed.',
    'workspace.transfer.refused.wrong_password':
      'The password does not open {name} (or its header was altered).',
    'workspace.transfer.refused.tampered':
      'The content of {name} fails its integrity check: the file was altered or damaged after export. Ask for a new export.',
    'workspace.transfer.refused.not_a_workspace_file': '{name} is not a Fieldbook workspace file.',
    'workspace.transfer.refused.newer_format':
      '{name} was exported by a newer Fieldbook in a format this one cannot read. Update Fieldbook first.',
    'workspace.transfer.refused.newer_schema':
      'The records in {name} use a newer data version. Update Fieldbook, then import.',
    'workspace.transfer.refused.invalid_content':
      'The content of {name} does not match the data rules and was not imported. Hand the file to support.',
  },
} as const;
