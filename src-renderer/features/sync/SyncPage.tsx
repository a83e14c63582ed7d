import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { SyncFailure } from '../../../src-shared/ipc';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useSync } from '../../db/SyncProvider';
import { hasSampleWorkspace } from '../workspace/first-run';
import { failureText } from './failure-text';
import { SyncStatusDetails } from './SyncStatusDetails';

const LAST_SERVER_KEY = 'fieldbook.sync.lastServerUrl';

interface SignInValues {
  serverUrl: string;
  username: string;
  password: string;
  /** Only asked when the sample workspace was loaded: its fictitious data would be uploaded. */
  uploadSample?: boolean;
}

function rememberedServer(): string {
  try {
    return localStorage.getItem(LAST_SERVER_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Server URL, username and password; a failure is shown in words above the button. */
function SignInCard({ defaults }: { defaults: Partial<SignInValues> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const sync = useSync();
  const [form] = Form.useForm<SignInValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SyncFailure | null>(null);
  const [sample] = useState(hasSampleWorkspace);
  const required = [{ required: true, whitespace: true, message: t('sync.signIn.required') }];

  const submit = async (values: SignInValues) => {
    setBusy(true);
    setFailure(null);
    try {
      const serverUrl = values.serverUrl.trim();
      if (!/^https?:\/\/[^\s]+$/i.test(serverUrl)) {
        setFailure({ code: 'invalid_server_url', message: serverUrl });
        return;
      }
      const { username, password } = values;
      const result = await sync.signIn({ username, password, serverUrl });
      if (result.ok) {
        try {
          localStorage.setItem(LAST_SERVER_KEY, serverUrl);
        } catch {
          // Only the pre-filled URL is lost.
        }
        form.setFieldValue('password', '');
        void message.success(t('sync.signIn.done', { username: result.value.user.username }));
      } else {
        setFailure(result.error);
      }
    } catch (error) {
      setFailure({ code: 'server_error', message: String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('sync.signIn.title')} data-testid="sign-in">
      <Form<SignInValues>
        form={form}
        layout="vertical"
        initialValues={{ serverUrl: rememberedServer(), username: '', password: '', ...defaults }}
        onFinish={(values) => void submit(values)}
        className="fb-sign-in-form"
      >
        <Form.Item name="serverUrl" label={t('sync.signIn.serverUrl')} rules={required}>
          <Input placeholder={t('sync.signIn.serverUrlPlaceholder')} autoComplete="url" />
        </Form.Item>
        <Form.Item name="username" label={t('sync.signIn.username')} rules={required}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('sync.signIn.password')} rules={required}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {sample ? (
          <>
            <Alert
              type="warning"
              showIcon
              data-testid="sign-in-sample-warning"
              title={t('sync.signIn.sampleTitle')}
              description={t('sync.signIn.sampleWarning')}
              style={{ marginBottom: 12 }}
            />
            <Form.Item
              name="uploadSample"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, checked: unknown) =>
                    checked === true
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('sync.signIn.sampleConfirmRequired'))),
                },
              ]}
            >
              <Checkbox>{t('sync.signIn.sampleConfirm')}</Checkbox>
            </Form.Item>
          </>
        ) : null}
        {failure ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="sign-in-error"
            data-code={failure.code}
            title={t('sync.signIn.failed')}
            description={failureText(t, failure)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('sync.signIn.submit')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('sync.signIn.localData')}
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}

function AccountCard() {
  const { t, fmtDateTime } = useI18n();
  const { modal } = App.useApp();
  const sync = useSync();
  const { session } = sync;
  const account = session?.account;
  if (!account) return null;
  return (
    <Card
      size="small"
      title={t('sync.account.title')}
      data-testid="sync-account"
      extra={
        <Flex gap={8}>
          {!session.expired ? (
            <Button size="small" onClick={() => sync.syncNow()}>
              {t('sync.account.syncNow')}
            </Button>
          ) : null}
          <Button
            size="small"
            danger
            onClick={() =>
              void modal.confirm({
                title: t('sync.account.signOut'),
                content: t('sync.account.signOutConfirm'),
                okText: t('sync.account.signOut'),
                cancelText: t('common.cancel'),
                onOk: () => sync.signOut(),
              })
            }
          >
            {t('sync.account.signOut')}
          </Button>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'user', label: t('sync.account.user'), children: account.user.username },
          {
            key: 'role',
            label: t('sync.account.role'),
            children: t(`sync.role.${account.user.role}`),
          },
          { key: 'server', label: t('sync.account.server'), children: account.serverUrl },
          {
            key: 'at',
            label: t('sync.account.signedInAt'),
            children: fmtDateTime(account.signedInAt),
          },
        ]}
      />
      {session.expired ? <Alert type="warning" showIcon title={t('sync.account.expired')} /> : null}
    </Card>
  );
}

/** The sync screen: sign-in when signed out (or the session ended), else the account and status. */
export function SyncPage() {
  const { t } = useI18n();
  const { session } = useSync();
  const account = session?.account ?? null;
  const showSignIn = session !== null && (account === null || session.expired);
  return (
    <Flex vertical gap={16} className="fb-page fb-sync-page">
      <PageHeader title={t('sync.title')} subtitle={t('sync.intro')} />
      <AccountCard />
      {showSignIn ? (
        <SignInCard
          defaults={
            account ? { serverUrl: account.serverUrl, username: account.user.username } : {}
          }
        />
      ) : null}
      <SyncStatusDetails />
    </Flex>
  );
}
