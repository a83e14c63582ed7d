import { Form, Input, Select, Typography } from 'antd';
import { useEffect } from 'react';
import type { PolicyPackId } from '../../../src-shared/db/types';
import { startRun } from '../../../src-shared/domain/procedures/procedure-ops';
import { latestProcedureTemplates } from '../../../src-shared/policy/procedures';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { useEngineer } from '../../app/settings';
import { FormModal } from '../../components/FormModal';
import { usePreselectSingle } from '../../components/use-preselect';
import { useDatabase } from '../../db/database-context';
import { useRxQuery } from '../../db/hooks';
import { clustersOfSite } from '../../db/queries';
import { useCustomerSites } from '../visits/use-lookups';
import { laptopZone } from './zones';

interface FormValues {
  templateKey?: string;
  siteId?: string;
  clusterId?: string;
  fromVersion?: string;
  toVersion?: string;
}

export interface StartProcedureModalProps {
  open: boolean;
  onClose: () => void;
  onStarted: (runId: string) => void;
  customerId: string;
  siteId?: string;
  visitId?: string;
}

const PACKS: readonly PolicyPackId[] = ['dce-support', 'private-cloud-ops'];

/** Starts a run of a procedure template for a customer's site (and cluster), from a visit or the customer page. */
export function StartProcedureModal({
  open,
  onClose,
  onStarted,
  customerId,
  siteId,
  visitId,
}: StartProcedureModalProps) {
  const { t, pick } = useI18n();
  const db = useDatabase();
  const engineer = useEngineer();
  const [form] = Form.useForm<FormValues>();
  const chosenSite = Form.useWatch('siteId', form);
  const chosenCluster = Form.useWatch('clusterId', form);
  const templateKey = Form.useWatch('templateKey', form);
  const sites = useCustomerSites(customerId).filter((s) => s.customerId === customerId);
  const clusters = useRxQuery(
    (d) => (chosenSite === undefined ? null : clustersOfSite(d, chosenSite)),
    [chosenSite],
  ).docs;
  const templates = PACKS.flatMap((p) => latestProcedureTemplates(p));
  const template = templates.find((x) => `${x.id}@${x.version}` === templateKey);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({ siteId, templateKey: undefined, clusterId: undefined });
  }, [open, form, siteId]);
  usePreselectSingle(
    form,
    'siteId',
    sites.map((s) => s.id),
    open,
  );
  useEffect(() => {
    const c = clusters.find((x) => x.id === chosenCluster);
    if (c !== undefined) form.setFieldsValue({ fromVersion: c.version });
  }, [chosenCluster, clusters, form]);

  async function submit(values: FormValues): Promise<void> {
    const site = sites.find((s) => s.id === values.siteId);
    if (template === undefined || site === undefined) return;
    const run = startRun(
      {
        customerId,
        siteId: site.id,
        siteZone: site.timeZone,
        templateId: template.id,
        templateVersion: template.version,
        ...(values.clusterId !== undefined ? { clusterId: values.clusterId } : {}),
        ...(visitId !== undefined ? { visitId } : {}),
        ...(template.kind === 'upgrade'
          ? { fromVersion: values.fromVersion, toVersion: values.toVersion }
          : {}),
      },
      { by: engineer.name, zone: laptopZone() },
      nowInstant(),
    );
    await db.procedureRuns.insert(run);
    onStarted(run.id);
  }

  const required = (label: string) => ({
    required: true,
    message: t('common.requiredSelect', { field: label }),
  });

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      title={t('procedures.form.title')}
      okText={t('procedures.new')}
      okDisabled={engineer.name === ''}
      onSubmit={submit}
      onClose={onClose}
      closeAfterSave={false}
      successMessage={t('procedures.started')}
      fieldLabels={{
        siteId: t('procedures.form.site'),
        templateKey: t('procedures.form.template'),
        clusterId: t('procedures.form.cluster'),
        fromVersion: t('procedures.form.fromVersion'),
        toVersion: t('procedures.form.toVersion'),
        by: t('procedures.run.executor'),
      }}
      width={620}
      testId="procedure-form"
    >
      {engineer.name === '' && (
        <Typography.Text type="warning">{t('procedures.form.noEngineer')}</Typography.Text>
      )}
      <Form.Item
        name="templateKey"
        label={t('procedures.form.template')}
        rules={[required(t('procedures.form.template'))]}
      >
        <Select
          options={templates.map((x) => ({
            value: `${x.id}@${x.version}`,
            label: `${t(`procedures.kind.${x.kind}`)} · ${pick(x.name)} v${x.version}`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="siteId"
        label={t('procedures.form.site')}
        rules={[required(t('procedures.form.site'))]}
        extra={
          sites.length === 0 ? (
            <Typography.Text type="warning">{t('procedures.form.noSites')}</Typography.Text>
          ) : undefined
        }
      >
        <Select options={sites.map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item
        name="clusterId"
        label={t('procedures.form.cluster')}
        extra={t('procedures.form.clusterHint')}
      >
        <Select
          allowClear
          options={clusters.map((c) => ({
            value: c.id,
            label: `${c.name} (${c.product} ${c.version})`,
          }))}
        />
      </Form.Item>
      {template?.kind === 'upgrade' && (
        <>
          <Form.Item name="fromVersion" label={t('procedures.form.fromVersion')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="toVersion" label={t('procedures.form.toVersion')}>
            <Input maxLength={40} />
          </Form.Item>
        </>
      )}
      {template !== undefined && (
        <Typography.Paragraph type="secondary">{pick(template.description)}</Typography.Paragraph>
      )}
    </FormModal>
  );
}
