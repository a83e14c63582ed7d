import { Alert, Button, Card, Descriptions, Flex, Form, Input, Radio, Typography } from 'antd';
import { App } from 'antd';
import { useEffect } from 'react';
import { desktop } from '../../app/desktop';
import { useI18n } from '../../app/i18n';
import type { Lang } from '../../app/i18n';
import { ENGINEER_NAME_MAX, readOrCreateIssuerCode, useEngineer } from '../../app/settings';
import { documentNumberOrg } from '../../../src-shared/domain/deliverables';
import { PageHeader } from '../../components/PageHeader';
import { useFormRules } from '../../components/form-rules';
import { WorkspaceSampleCard, WorkspaceTransferCard } from '../workspace';
import { ReminderSettingsCard } from '../reminders';
import { CalendarsAndPacksCard, SigningCertificateCard } from './SigningAndPolicyCards';
import { useDesktopInfo } from './use-desktop-info';

function EngineerCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rules = useFormRules();
  const { name, setName } = useEngineer();
  const [form] = Form.useForm<{ name: string }>();
  const label = t('settings.engineer.name');

  useEffect(() => {
    form.setFieldsValue({ name });
  }, [form, name]);

  return (
    <Card size="small" title={t('settings.engineer.title')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name }}
        onFinish={(values) => {
          setName(values.name);
          void message.success(t('settings.engineer.saved'));
        }}
      >
        <Form.Item
          name="name"
          label={label}
          extra={t('settings.engineer.nameHint')}
          rules={[rules.maxLength(label, ENGINEER_NAME_MAX)]}
        >
          <Input placeholder={t('settings.engineer.placeholder')} className="fb-medium-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function LanguageCard() {
  const { t, lang, setLang } = useI18n();
  return (
    <Card size="small" title={t('settings.language.title')}>
      <Flex vertical gap={8}>
        <Radio.Group
          value={lang}
          onChange={(e) => setLang(e.target.value as Lang)}
          aria-label={t('settings.language.title')}
          options={[
            { value: 'zh', label: t('lang.zh') },
            { value: 'en', label: t('lang.en') },
          ]}
        />
        <Typography.Text type="secondary">{t('settings.language.hint')}</Typography.Text>
      </Flex>
    </Card>
  );
}

function AboutCard() {
  const { t } = useI18n();
  const state = useDesktopInfo(() => desktop().app.getInfo());

  return (
    <Card size="small" title={t('settings.about.title')} loading={state.phase === 'loading'}>
      {state.phase === 'failed' && (
        <Alert
          type="warning"
          showIcon
          title={t('settings.about.unavailable', { message: state.error })}
        />
      )}
      {state.phase === 'ok' && (
        <Descriptions size="small" column={1} data-testid="app-info">
          <Descriptions.Item label={t('settings.about.version')}>
            {t('app.name')} {state.info.version}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.about.platform')}>
            {state.info.platform}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.about.electron')}>
            {state.info.electron ?? t('settings.about.notElectron')}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.about.locale')}>
            {state.info.locale}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.about.documentPrefix')}>
            <span data-testid="document-prefix">{documentNumberOrg(readOrCreateIssuerCode())}</span>
            <Typography.Text type="secondary">
              {' '}
              {t('settings.about.documentPrefixHint')}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

export function SettingsPage() {
  const { t } = useI18n();
  return (
    <div className="fb-page fb-narrow">
      <PageHeader title={t('settings.title')} />
      <Flex vertical gap={12}>
        <EngineerCard />
        <LanguageCard />
        <ReminderSettingsCard />
        <WorkspaceSampleCard />
        <WorkspaceTransferCard />
        <SigningCertificateCard />
        <CalendarsAndPacksCard />
        <AboutCard />
      </Flex>
    </div>
  );
}
