import { Alert, Flex, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { PolicyPackId } from '../../../src-shared/db/types';
import { InputError } from '../../../src-shared/domain/errors';
import { startRun } from '../../../src-shared/domain/procedures/procedure-ops';
import {
  CHANGE_NOTICE_DAYS,
  changeNotice,
  upgradePath,
} from '../../../src-shared/domain/procedures/upgrade-plan';
import type { UpgradeHop } from '../../../src-shared/domain/procedures/upgrade-plan';
import { latestProcedureTemplates } from '../../../src-shared/policy/procedures';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { usePreselectSingle } from '../../components/use-preselect';
import { useDatabase } from '../../db/database-context';
import { useRxQuery } from '../../db/hooks';
import { clustersOfSite } from '../../db/queries';
import { useCustomerSites } from '../visits/use-lookups';
import { ZonedDateTimeInput } from '../visits/ZonedDateTimeInput';
import { userErrorText } from '../../components/error-text';
import { laptopZone } from '../../app/i18n-core';
import { useProcedureIdentity } from './identity';

interface FormValues {
  templateKey?: string;
  siteId?: string;
  clusterId?: string;
  fromVersion?: string;
  toVersion?: string;
  windowStart?: string;
  windowEnd?: string;
  requestedAt?: string;
  emergencyReason?: string;
}

/** The path and the notice of the upgrade being planned, or why it cannot be planned yet. */
function upgradePreview(v: FormValues): {
  hops?: UpgradeHop[];
  pathError?: unknown;
  notice?: { noticeDays: number; short: boolean };
} {
  const out: ReturnType<typeof upgradePreview> = {};
  if (v.fromVersion && v.toVersion) {
    try {
      out.hops = upgradePath(v.fromVersion.trim(), v.toVersion.trim());
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      out.pathError = e;
    }
  }
  if (v.requestedAt && v.windowStart) out.notice = changeNotice(v.requestedAt, v.windowStart);
  return out;
}

export interface StartProcedureModalProps {
  open: boolean;
  onClose: () => void;
  onStarted: (runId: string) => void;
  customerId: string;
  siteId?: string;
  /** Started from a cluster's page: that cluster (of `siteId`) is chosen. */
  clusterId?: string;
  visitId?: string;
}

const PACKS: readonly PolicyPackId[] = ['dce-support', 'private-cloud-ops'];

/**
 * Starts a run of a procedure template for a customer's site (and cluster), from a visit, the
 * customer page or a cluster's procedures page.
 */
export function StartProcedureModal({
  open,
  onClose,
  onStarted,
  customerId,
  siteId,
  clusterId,
  visitId,
}: StartProcedureModalProps) {
  const { t, pick } = useI18n();
  const db = useDatabase();
  const identity = useProcedureIdentity();
  const [form] = Form.useForm<FormValues>();
  const chosenSite = Form.useWatch('siteId', form);
  const chosenCluster = Form.useWatch('clusterId', form);
  const templateKey = Form.useWatch('templateKey', form);
  const watched = Form.useWatch([], form) as FormValues | undefined;
  // The change request is made now unless the engineer says when it was made.
  const [openedAt] = useState(() => nowInstant());
  const sites = useCustomerSites(customerId).filter((s) => s.customerId === customerId);
  const clusters = useRxQuery(
    (d) => (chosenSite === undefined ? null : clustersOfSite(d, chosenSite)),
    [chosenSite],
  ).docs;
  const templates = PACKS.flatMap((p) => latestProcedureTemplates(p));
  const template = templates.find((x) => `${x.id}@${x.version}` === templateKey);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      siteId,
      templateKey: undefined,
      clusterId,
      requestedAt: openedAt,
    });
  }, [open, form, siteId, clusterId, openedAt]);
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
    const upgrade = template.kind === 'upgrade';
    if (upgrade && values.clusterId === undefined) {
      throw new InputError('an upgrade needs its cluster', 'clusterId', { code: 'required' });
    }
    // One run per minor version: this run goes to the first hop's target (5.0 → 5.2 is two runs).
    const hops = upgrade
      ? upgradePath((values.fromVersion ?? '').trim(), (values.toVersion ?? '').trim())
      : [];
    if (upgrade && (values.windowStart === undefined || values.windowEnd === undefined)) {
      throw new InputError(
        'the maintenance window is required',
        values.windowStart ? 'windowEnd' : 'windowStart',
        {
          code: 'required',
        },
      );
    }
    const run = startRun(
      {
        customerId,
        siteId: site.id,
        siteZone: site.timeZone,
        templateId: template.id,
        templateVersion: template.version,
        ...(values.clusterId !== undefined ? { clusterId: values.clusterId } : {}),
        ...(visitId !== undefined ? { visitId } : {}),
        ...(upgrade
          ? {
              fromVersion: hops[0]!.from,
              toVersion: hops[0]!.to,
              window: {
                start: values.windowStart!,
                end: values.windowEnd!,
                requestedAt: values.requestedAt ?? openedAt,
                ...(values.emergencyReason ? { emergencyReason: values.emergencyReason } : {}),
              },
            }
          : {}),
      },
      {
        by: identity.name,
        zone: laptopZone(),
        ...(identity.account !== undefined ? { account: identity.account } : {}),
      },
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
      okDisabled={identity.name === ''}
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
        windowStart: t('procedures.form.windowStart'),
        windowEnd: t('procedures.form.windowEnd'),
        requestedAt: t('procedures.form.requestedAt'),
        emergencyReason: t('procedures.form.emergencyReason'),
        by: t('procedures.run.executor'),
      }}
      width={620}
      testId="procedure-form"
    >
      {identity.name === '' ? (
        <Typography.Text type="warning">{t('procedures.form.noEngineer')}</Typography.Text>
      ) : (
        <Typography.Paragraph type="secondary" data-testid="procedure-form-identity">
          {t(`procedures.identity.${identity.source === 'signed-in' ? 'signedIn' : 'local'}`, {
            name: identity.name,
          })}
        </Typography.Paragraph>
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
        <UpgradeFields
          values={watched ?? {}}
          zone={sites.find((x) => x.id === chosenSite)?.timeZone}
        />
      )}
      {template !== undefined && (
        <Typography.Paragraph type="secondary">{pick(template.description)}</Typography.Paragraph>
      )}
    </FormModal>
  );
}

/**
 * The upgrade plan: from-version (the cluster record's), to-version and the path one minor at a
 * time, the maintenance window and the change request in the site's zone, and the 28-day notice
 * rule (short notice shows as an emergency change and asks for its reason).
 */
function UpgradeFields({ values, zone }: { values: FormValues; zone: string | undefined }) {
  const { t } = useI18n();
  const preview = upgradePreview(values);
  const hops = preview.hops;
  const siteZone = zone ?? laptopZone();
  const needsReason = preview.notice?.short === true;
  return (
    <>
      <Form.Item
        name="fromVersion"
        label={t('procedures.form.fromVersion')}
        extra={t('procedures.form.fromCluster')}
      >
        <Input maxLength={40} disabled data-testid="procedure-from-version" />
      </Form.Item>
      <Form.Item name="toVersion" label={t('procedures.form.toVersion')}>
        <Input maxLength={40} data-testid="procedure-to-version" />
      </Form.Item>
      {preview.pathError !== undefined && (
        <Alert type="error" showIcon title={userErrorText(t, preview.pathError)} />
      )}
      {hops !== undefined && (
        <Alert
          type={hops.length > 1 ? 'warning' : 'info'}
          showIcon
          data-testid="procedure-upgrade-path"
          title={
            hops.length > 1
              ? t('procedures.form.pathRuns', {
                  from: values.fromVersion ?? '',
                  to: values.toVersion ?? '',
                  n: hops.length,
                })
              : t('procedures.form.pathOne')
          }
          description={
            <Flex vertical>
              {hops.map((h, i) => (
                <span key={h.from} data-testid="procedure-hop">
                  {i + 1}. {h.from} → {h.to}
                </span>
              ))}
              <span>{t('procedures.form.thisRun', { from: hops[0]!.from, to: hops[0]!.to })}</span>
            </Flex>
          }
        />
      )}
      <Typography.Paragraph type="secondary">
        {t('procedures.form.windowZone', { zone: siteZone })}
      </Typography.Paragraph>
      <Form.Item name="windowStart" label={t('procedures.form.windowStart')}>
        <ZonedDateTimeInput zone={siteZone} data-testid="procedure-window-start" />
      </Form.Item>
      <Form.Item name="windowEnd" label={t('procedures.form.windowEnd')}>
        <ZonedDateTimeInput zone={siteZone} data-testid="procedure-window-end" />
      </Form.Item>
      <Form.Item name="requestedAt" label={t('procedures.form.requestedAt')}>
        <ZonedDateTimeInput zone={siteZone} data-testid="procedure-requested-at" />
      </Form.Item>
      {preview.notice !== undefined && (
        <Alert
          type={needsReason ? 'error' : 'success'}
          showIcon
          data-testid="procedure-notice"
          data-short={needsReason ? 'true' : 'false'}
          title={
            needsReason
              ? t('procedures.form.shortNotice', {
                  days: preview.notice.noticeDays,
                  required: CHANGE_NOTICE_DAYS,
                })
              : t('procedures.form.noticeOk', { days: preview.notice.noticeDays })
          }
        />
      )}
      {needsReason && (
        <Form.Item
          name="emergencyReason"
          label={t('procedures.form.emergencyReason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('procedures.form.emergencyReasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={2} maxLength={2000} data-testid="procedure-emergency-reason" />
        </Form.Item>
      )}
    </>
  );
}
