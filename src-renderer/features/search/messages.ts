/** Strings of the search palette (Ctrl+K). */
export const messages = {
  zh: {
    'search.open': '搜索',
    'search.shortcut': 'Ctrl+K',
    'search.title': '搜索全部',
    'search.placeholder': '搜索客户、站点、集群、事件、现场访问、日志（含命令输出）、文档编号',
    'search.hint': '输入关键词开始搜索。搜索在本机离线进行，覆盖本机上的全部数据。',
    'search.keys': '↑ ↓ 选择 · Enter 打开 · Esc 关闭',
    'search.indexing': '正在建立搜索索引（已索引 {count} 条），结果可能不完整…',
    'search.indexError': '部分数据未能建立索引：{message}',
    'search.noResults': '没有找到与“{query}”匹配的记录。请换一个词，或检查该记录是否已同步到本机。',
    'search.results': '{count} 条结果',
    'search.moreResults': '仅显示前 {count} 条，请输入更具体的关键词',
    'search.untitled': '（无标题）',
    'search.kind.customer': '客户',
    'search.kind.site': '站点',
    'search.kind.cluster': '集群',
    'search.kind.incident': '事件',
    'search.kind.visit': '现场访问',
    'search.kind.log-entry': '访问日志',
    'search.kind.deliverable': '交付文档',
  },
  en: {
    'search.open': 'Search',
    'search.shortcut': 'Ctrl+K',
    'search.title': 'Search everything',
    'search.placeholder':
      'Search customers, sites, clusters, incidents, visits, log entries (with command output), document numbers',
    'search.hint':
      'Type to search. Search runs offline on this computer and covers all the data stored here.',
    'search.keys': '↑ ↓ select · Enter open · Esc close',
    'search.indexing':
      'Building the search index ({count} indexed so far); results may be incomplete…',
    'search.indexError': 'Some data could not be indexed: {message}',
    'search.noResults':
      'Nothing matches “{query}”. Try another word, or check that the record has been synced to this computer.',
    'search.results': '{count} results',
    'search.moreResults': 'Showing the first {count}; type a more specific query',
    'search.untitled': '(untitled)',
    'search.kind.customer': 'Customer',
    'search.kind.site': 'Site',
    'search.kind.cluster': 'Cluster',
    'search.kind.incident': 'Incident',
    'search.kind.visit': 'Visit',
    'search.kind.log-entry': 'Log entry',
    'search.kind.deliverable': 'Deliverable',
  },
} as const;
