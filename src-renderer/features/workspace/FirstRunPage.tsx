import { Button, Card, Col, Flex, Input, Row, Segmented, Typography } from 'antd';
import {
  CloudServerOutlined,
  CloudSyncOutlined,
  DatabaseOutlined,
  FileAddOutlined,
} from '@ant-design/icons';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import type { Lang } from '../../app/i18n';
import { ENGINEER_NAME_MAX, useEngineer } from '../../app/settings';
import { SampleProgress } from './SampleProgress';
import { useSampleLoader } from './use-sample-loader';

export interface FirstRunPageProps {
  /** Called once the engineer has chosen and (for the sample) the import has finished. */
  onDone: () => void;
  /** The engineer chose to sign in to a sync server and receive their customers from it. */
  onSignIn?: () => void;
}

/** Shown once on a new laptop with an empty workspace: who you are, sample data or empty. */
export function FirstRunPage({ onDone, onSignIn }: FirstRunPageProps) {
  const { t, lang, setLang } = useI18n();
  const { name, setName } = useEngineer();
  const [engineer, setEngineer] = useState(name);
  const { state, load } = useSampleLoader();
  const busy = state.phase === 'loading' || state.phase === 'done';

  const saveEngineer = () => {
    if (engineer.trim() !== '') setName(engineer);
  };

  const chooseSample = async () => {
    saveEngineer();
    // A workspace that filled up meanwhile (not-empty) also ends the first run: nothing to do.
    const ok = await load();
    if (ok) onDone();
  };

  const chooseEmpty = () => {
    saveEngineer();
    onDone();
  };

  const chooseServer = () => {
    saveEngineer();
    (onSignIn ?? onDone)();
  };

  return (
    <main className="fb-first-run" data-testid="first-run">
      <Flex justify="space-between" align="center" className="fb-first-run-top">
        <Flex align="center" gap={10}>
          <CloudServerOutlined className="fb-brand-icon" aria-hidden />
          <Typography.Text strong className="fb-brand-name">
            {t('app.name')}
          </Typography.Text>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Flex>
        <Segmented<Lang>
          size="small"
          value={lang}
          onChange={(value) => setLang(value)}
          aria-label={t('header.language')}
          options={[
            { value: 'zh', label: t('lang.zh') },
            { value: 'en', label: t('lang.en') },
          ]}
        />
      </Flex>
      <Card className="fb-first-run-card">
        <Typography.Title level={1} className="fb-page-title">
          {t('workspace.welcome.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="fb-first-run-intro">
          {t('workspace.welcome.intro')}
        </Typography.Paragraph>
        <label className="fb-field-label" htmlFor="first-run-engineer">
          {t('workspace.welcome.engineer')}
        </label>
        <Input
          id="first-run-engineer"
          value={engineer}
          maxLength={ENGINEER_NAME_MAX}
          onChange={(e) => setEngineer(e.target.value)}
          placeholder={t('settings.engineer.placeholder')}
          className="fb-medium-input"
          disabled={busy}
          autoFocus
        />
        <Typography.Paragraph type="secondary" className="fb-small fb-hint">
          {t('workspace.welcome.engineerHint')}
        </Typography.Paragraph>
        <Typography.Title level={2} className="fb-first-run-choose">
          {t('workspace.welcome.choose')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Card size="small" className="fb-choice">
              <Flex vertical gap={8} align="flex-start" className="fb-fill">
                <Typography.Title level={3} className="fb-choice-title">
                  <DatabaseOutlined /> {t('workspace.sample.title')}
                </Typography.Title>
                <Typography.Text type="secondary" className="fb-choice-text">
                  {t('workspace.sample.description')}
                </Typography.Text>
                <Button
                  type="primary"
                  loading={state.phase === 'loading'}
                  disabled={busy}
                  onClick={() => void chooseSample()}
                >
                  {t('workspace.sample.load')}
                </Button>
              </Flex>
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card size="small" className="fb-choice">
              <Flex vertical gap={8} align="flex-start" className="fb-fill">
                <Typography.Title level={3} className="fb-choice-title">
                  <FileAddOutlined /> {t('workspace.empty.title')}
                </Typography.Title>
                <Typography.Text type="secondary" className="fb-choice-text">
                  {t('workspace.empty.description')}
                </Typography.Text>
                <Button disabled={busy} onClick={chooseEmpty}>
                  {t('workspace.empty.start')}
                </Button>
              </Flex>
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card size="small" className="fb-choice">
              <Flex vertical gap={8} align="flex-start" className="fb-fill">
                <Typography.Title level={3} className="fb-choice-title">
                  <CloudSyncOutlined /> {t('workspace.server.title')}
                </Typography.Title>
                <Typography.Text type="secondary" className="fb-choice-text">
                  {t('workspace.server.description')}
                </Typography.Text>
                <Button disabled={busy} onClick={chooseServer}>
                  {t('workspace.server.signIn')}
                </Button>
              </Flex>
            </Card>
          </Col>
        </Row>
        <div className="fb-first-run-progress">
          <SampleProgress state={state} />
        </div>
      </Card>
    </main>
  );
}
