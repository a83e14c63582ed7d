import { Alert, Button, Card, Flex, Form, Input, Progress, Radio, Select, Typography } from 'antd';
import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { DateTime } from 'luxon';
import { WORKSPACE_PASSWORD_MIN } from '../../../src-shared/db/workspace-transfer';
import type {
  WorkspaceExportResult,
  WorkspaceImportFailureCode,
  WorkspaceManifest,
} from '../../../src-shared/ipc';
import { desktop } from '../../app/desktop';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { useDatabase } from '../../db/database-context';
import { useRxQuery } from '../../db/hooks';
import { mergeWorkspaceDocuments, readWorkspaceDocuments } from '../../db/workspace-transfer';
import type { ImportOutcome } from '../../db/workspace-transfer';

type Progress =
  | { phase: 'idle' }
  | { phase: 'reading'; done: number; total: number }
  | { phase: 'writing' }
  | { phase: 'opening' }
  | { phase: 'merging'; done: number; total: number };

function ProgressLine({ progress }: { progress: Progress }) {
  const { t } = useI18n();
  if (progress.phase === 'idle') return null;
  const counted = progress.phase === 'reading' || progress.phase === 'merging';
  const percent = counted
    ? progress.total === 0
      ? 100
      : Math.floor((progress.done / progress.total) * 100)
    : 100;
  const label = t(`workspace.transfer.phase.${progress.phase}`);
  return (
    <div role="status" aria-live="polite" data-testid="transfer-progress">
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={percent} status="active" showInfo={counted} aria-label={label} />
      {progress.phase === 'merging' && (
        <Typography.Text type="secondary" className="fb-small">
          {t('workspace.transfer.merged', { done: progress.done, total: progress.total })}
        </Typography.Text>
      )}
    </div>
  );
}

function fileStamp(): string {
  return DateTime.now().toFormat('yyyyLLdd-HHmm');
}

interface ExportValues {
  scope: 'workspace' | 'customer';
  customerId?: string;
  password: string;
  confirm: string;
}

function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const db = useDatabase();
  const customers = useRxQuery((d) => d.customers.find({ sort: [{ name: 'asc' }] }), []);
  const [progress, setProgress] = useState<Progress>({ phase: 'idle' });
  const [result, setResult] = useState<WorkspaceExportResult | null>(null);

  async function submit(values: ExportValues) {
    setResult(null);
    const customer =
      values.scope === 'customer'
        ? customers.docs.find((c) => c.id === values.customerId)
        : undefined;
    try {
      setProgress({ phase: 'reading', done: 0, total: 1 });
      const documents = await readWorkspaceDocuments(db, customer?.id, (done, total) =>
        setProgress({ phase: 'reading', done, total }),
      );
      setProgress({ phase: 'writing' });
      const written = await desktop().workspace.exportFile({
        password: values.password,
        suggestedName:
          `fieldbook-${customer ? (customer.shortName ?? customer.name) : t('workspace.transfer.fileAll')}-${fileStamp()}.fieldbook`.replace(
            /[\\/:*?"<>|\s]+/g,
            '-',
          ),
        scope: customer
          ? { kind: 'customer', customerId: customer.id, customerName: customer.name }
          : { kind: 'workspace' },
        documents,
      });
      setResult(written);
    } finally {
      setProgress({ phase: 'idle' });
    }
  }

  return (
    <FormModal<ExportValues>
      open={open}
      title={t('workspace.transfer.exportTitle')}
      okText={t('workspace.transfer.exportOk')}
      okDisabled={result !== null}
      closeAfterSave={false}
      onClose={() => {
        setResult(null);
        onClose();
      }}
      onSubmit={submit}
      initialValues={{ scope: 'workspace' }}
      testId="export-dialog"
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">
            {t('workspace.transfer.exportIntro')}
          </Typography.Paragraph>
          <Form.Item name="scope" label={t('workspace.transfer.scope')}>
            <Radio.Group
              options={[
                { value: 'workspace', label: t('workspace.transfer.scopeAll') },
                { value: 'customer', label: t('workspace.transfer.scopeCustomer') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['scope']}>
            {() =>
              form.getFieldValue('scope') === 'customer' && (
                <Form.Item
                  name="customerId"
                  label={t('workspace.transfer.customer')}
                  rules={[
                    {
                      required: true,
                      message: t('common.requiredSelect', {
                        field: t('workspace.transfer.customer'),
                      }),
                    },
                  ]}
                >
                  <Select
                    showSearch
                    optionFilterProp="label"
                    data-testid="export-customer"
                    options={customers.docs.map((c) => ({
                      value: c.id,
                      label: c.name,
                    }))}
                  />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item
            name="password"
            label={t('workspace.transfer.password')}
            extra={t('workspace.transfer.passwordHint', { min: WORKSPACE_PASSWORD_MIN })}
            rules={[
              {
                required: true,
                min: WORKSPACE_PASSWORD_MIN,
                message: t('workspace.transfer.passwordShort', { min: WORKSPACE_PASSWORD_MIN }),
              },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="export-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('workspace.transfer.confirm')}
            dependencies={['password']}
            rules={[
              {
                validator: (_, value) =>
                  value === form.getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('workspace.transfer.confirmMismatch'))),
              },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="export-confirm" />
          </Form.Item>
          <ProgressLine progress={progress} />
          {result !== null && (
            <Alert
              type={result.missingBlobs.length > 0 ? 'warning' : 'success'}
              showIcon
              data-testid="export-result"
              title={t('workspace.transfer.exported', {
                documents: result.documents,
                blobs: result.blobs,
                size:
                  result.bytes < 1024 * 1024
                    ? `${Math.max(1, Math.round(result.bytes / 1024))} KB`
                    : `${(result.bytes / 1024 / 1024).toFixed(1)} MB`,
              })}
              description={
                <>
                  {result.deleted > 0 && (
                    <div data-testid="export-deleted">
                      {t('workspace.transfer.exportedDeleted', { deleted: result.deleted })}
                    </div>
                  )}
                  <Typography.Text code>{result.path}</Typography.Text>
                  {result.missingBlobs.length > 0 && (
                    <div>
                      {t('workspace.transfer.missingBlobs', { count: result.missingBlobs.length })}
                    </div>
                  )}
                </>
              }
            />
          )}
        </>
      )}
    </FormModal>
  );
}

interface ImportValues {
  password: string;
}

type ImportState =
  | { kind: 'none' }
  | { kind: 'refused'; code: WorkspaceImportFailureCode; name: string }
  | {
      kind: 'done';
      name: string;
      manifest: WorkspaceManifest;
      blobs: number;
      outcome: ImportOutcome;
    };

function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, fmtDateTime } = useI18n();
  const db = useDatabase();
  const [progress, setProgress] = useState<Progress>({ phase: 'idle' });
  const [state, setState] = useState<ImportState>({ kind: 'none' });

  async function submit(values: ImportValues) {
    setState({ kind: 'none' });
    try {
      setProgress({ phase: 'opening' });
      const answer = await desktop().workspace.importFile({ password: values.password });
      if (answer === null) return;
      if (!answer.ok) {
        setState({ kind: 'refused', code: answer.code, name: answer.name });
        return;
      }
      const outcome = await mergeWorkspaceDocuments(db, answer.documents, (done, total) =>
        setProgress({ phase: 'merging', done, total }),
      );
      setState({
        kind: 'done',
        name: answer.name,
        manifest: answer.manifest,
        blobs: answer.blobs,
        outcome,
      });
    } finally {
      setProgress({ phase: 'idle' });
    }
  }

  const scopeText = (m: WorkspaceManifest) =>
    m.scope.kind === 'customer'
      ? t('workspace.transfer.scopeOf', { name: m.scope.customerName })
      : t('workspace.transfer.scopeAll');

  return (
    <FormModal<ImportValues>
      open={open}
      title={t('workspace.transfer.importTitle')}
      okText={t('workspace.transfer.importOk')}
      closeAfterSave={false}
      onClose={() => {
        setState({ kind: 'none' });
        onClose();
      }}
      onSubmit={submit}
      testId="import-dialog"
    >
      <Typography.Paragraph type="secondary">
        {t('workspace.transfer.importIntro')}
      </Typography.Paragraph>
      <Form.Item
        name="password"
        label={t('workspace.transfer.password')}
        rules={[
          {
            required: true,
            min: WORKSPACE_PASSWORD_MIN,
            message: t('workspace.transfer.passwordShort', { min: WORKSPACE_PASSWORD_MIN }),
          },
        ]}
      >
        <Input.Password autoComplete="current-password" data-testid="import-password" />
      </Form.Item>
      <ProgressLine progress={progress} />
      {state.kind === 'refused' && (
        <Alert
          type="error"
          showIcon
          data-testid="import-refused"
          title={t(`workspace.transfer.refused.${state.code}`, { name: state.name })}
          description={t('workspace.transfer.nothingChanged')}
        />
      )}
      {state.kind === 'done' && (
        <Alert
          type="success"
          showIcon
          data-testid="import-result"
          title={t('workspace.transfer.imported', {
            inserted: state.outcome.inserted,
            updated: state.outcome.updated,
            deleted: state.outcome.deleted,
            unchanged: state.outcome.unchanged,
          })}
          description={t('workspace.transfer.importedFrom', {
            name: state.name,
            scope: scopeText(state.manifest),
            at: fmtDateTime(state.manifest.exportedAt),
            blobs: state.blobs,
          })}
        />
      )}
    </FormModal>
  );
}

/** Settings: the workspace (or one customer) to a password-protected file, and back. */
export function WorkspaceTransferCard() {
  const { t } = useI18n();
  const [open, setOpen] = useState<'export' | 'import' | null>(null);
  return (
    <Card size="small" title={t('workspace.transfer.title')}>
      <Flex vertical gap={12} align="flex-start" data-testid="transfer-card">
        <Typography.Text type="secondary">{t('workspace.transfer.intro')}</Typography.Text>
        <Flex gap={8}>
          <Button
            icon={<ExportOutlined />}
            onClick={() => setOpen('export')}
            data-testid="export-open"
          >
            {t('workspace.transfer.export')}
          </Button>
          <Button
            icon={<ImportOutlined />}
            onClick={() => setOpen('import')}
            data-testid="import-open"
          >
            {t('workspace.transfer.import')}
          </Button>
        </Flex>
      </Flex>
      <ExportDialog open={open === 'export'} onClose={() => setOpen(null)} />
      <ImportDialog open={open === 'import'} onClose={() => setOpen(null)} />
    </Card>
  );
}
