import { Button, Card, Flex, Switch, Typography } from 'antd';
import { useState } from 'react';
import { REMINDER_KINDS } from '../../../src-shared/domain/reminders';
import { useI18n } from '../../app/i18n';
import { useReminderSettings } from './reminder-store';

type Permission = NotificationPermission | 'unsupported';

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Settings: which reminders to show, and the notification permission they need. */
export function ReminderSettingsCard() {
  const { t } = useI18n();
  const { settings, setKind } = useReminderSettings();
  const [permission, setPermission] = useState<Permission>(currentPermission);

  const request = async () => {
    setPermission(await Notification.requestPermission());
  };

  return (
    <Card size="small" title={t('reminders.settings.title')} data-testid="reminder-settings">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('reminders.settings.intro')}</Typography.Text>
        {REMINDER_KINDS.map((kind) => (
          <Flex key={kind} gap={8} align="center">
            <Switch
              size="small"
              checked={settings[kind]}
              onChange={(on) => setKind(kind, on)}
              aria-label={t(`reminders.kind.${kind}`)}
            />
            <Typography.Text>{t(`reminders.kind.${kind}`)}</Typography.Text>
          </Flex>
        ))}
        <Flex gap={8} align="center" wrap>
          <Typography.Text type={permission === 'granted' ? 'success' : 'warning'} role="status">
            {t(`reminders.permission.${permission}`)}
          </Typography.Text>
          {permission === 'default' ? (
            <Button size="small" onClick={() => void request()}>
              {t('reminders.permission.request')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}
