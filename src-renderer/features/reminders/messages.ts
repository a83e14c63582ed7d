/** Strings of the desktop reminders and their settings. */
export const messages = {
  zh: {
    'reminders.settings.title': '提醒',
    'reminders.settings.intro': '在桌面通知中提醒以下事项，每个事项只提醒一次。',
    'reminders.kind.hourly-update': '1 级事件每小时状态更新：到期前 10 分钟提醒',
    'reminders.kind.sla-breach-soon': '响应即将超时：响应截止前 30 分钟提醒',
    'reminders.kind.response-overdue': '响应已超时：超过响应截止时间仍未记录首次响应时提醒',
    'reminders.kind.acceptance-deadline':
      '验收确认：运维服务合同到期后，提醒客户在 7 天内线上确认《验收报告》',
    'reminders.permission.granted': '已允许桌面通知。',
    'reminders.permission.default': '尚未允许桌面通知，提醒将无法显示。',
    'reminders.permission.denied':
      '桌面通知已被系统或浏览器禁止，请在系统设置中允许本应用发送通知。',
    'reminders.permission.unsupported': '此环境不支持桌面通知。',
    'reminders.permission.request': '允许通知',
    'reminders.notify.hourly-update.title': '1 级事件需要更新状态',
    'reminders.notify.hourly-update.body':
      '{title}（{site}）：请在 {time} 前向客户通报处理进展（每小时一次）。',
    'reminders.notify.sla-breach-soon.title': '响应即将超时',
    'reminders.notify.sla-breach-soon.body':
      '{title}（{site}）：响应截止 {time}，尚未记录首次响应。',
    'reminders.notify.response-overdue.title': '响应已超时',
    'reminders.notify.response-overdue.body':
      '{title}（{site}）：响应截止 {time} 已过，尚未记录首次响应。',
    'reminders.notify.acceptance-deadline.title': '合同已到期，等待客户确认《验收报告》',
    'reminders.notify.acceptance-deadline.body':
      '{customer} 合同 {number}：客户应在 7 天内线上确认《验收报告》，截止 {time}。',
  },
  en: {
    'reminders.settings.title': 'Reminders',
    'reminders.settings.intro':
      'Desktop notifications for the following; each event is notified once.',
    'reminders.kind.hourly-update': 'Level 1 hourly status update: 10 minutes before it is due',
    'reminders.kind.sla-breach-soon':
      'Response about to breach: 30 minutes before the response is due',
    'reminders.kind.response-overdue':
      'Response overdue: when the due time passes with no first response',
    'reminders.kind.acceptance-deadline':
      'Acceptance confirmation: when an operations contract ends, the customer has 7 days to confirm the acceptance report',
    'reminders.permission.granted': 'Desktop notifications are allowed.',
    'reminders.permission.default':
      'Desktop notifications are not allowed yet; reminders cannot be shown.',
    'reminders.permission.denied':
      'Desktop notifications are blocked by the system or browser; allow this app to notify in the system settings.',
    'reminders.permission.unsupported': 'Desktop notifications are not available here.',
    'reminders.permission.request': 'Allow notifications',
    'reminders.notify.hourly-update.title': 'Level 1 status update due',
    'reminders.notify.hourly-update.body':
      '{title} ({site}): update the customer on progress by {time} (every hour).',
    'reminders.notify.sla-breach-soon.title': 'Response about to breach',
    'reminders.notify.sla-breach-soon.body':
      '{title} ({site}): response due {time}, no first response recorded.',
    'reminders.notify.response-overdue.title': 'Response overdue',
    'reminders.notify.response-overdue.body':
      '{title} ({site}): response was due {time}; no first response recorded.',
    'reminders.notify.acceptance-deadline.title': 'Contract ended: acceptance report to confirm',
    'reminders.notify.acceptance-deadline.body':
      '{customer}, contract {number}: the customer confirms the acceptance report online within 7 days, by {time}.',
  },
} as const;
