import { Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import type { ClusterDoc, SiteDoc } from '../../../src-shared/db/types';
import { clusterSchema } from '../../../src-shared/db/schemas/clusters';
import { newId } from '../../../src-shared/domain/ids';
import { nowInstant, todayIsoDate } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { FormModal } from '../../components/FormModal';
import { LifecycleBadge, hasLifecycleData } from '../../components/LifecycleBadge';
import { useFormRules } from '../../components/form-rules';
import { maxLengthOf } from '../../components/schema-limits';
import { useDatabase } from '../../db/database-context';
import {
  ENVIRONMENTS,
  NODE_RANGE,
  PRODUCTS,
  VERSION_PATTERN,
  clusterFromForm,
  clusterToForm,
} from './cluster-form';
import type { ClusterFormValues } from './cluster-form';

const LIMIT = {
  name: maxLengthOf(clusterSchema, 'name'),
  version: maxLengthOf(clusterSchema, 'version'),
  notes: maxLengthOf(clusterSchema, 'notes'),
};

export interface ClusterFormModalProps {
  open: boolean;
  customerId: string;
  sites: SiteDoc[];
  cluster?: ClusterDoc;
  onClose: () => void;
}

/** Live preview of the lifecycle status while the engineer types product and version. */
function LifecyclePreview({ sites }: { sites: SiteDoc[] }) {
  const { t, fmtDate } = useI18n();
  const form = Form.useFormInstance<ClusterFormValues>();
  const product = Form.useWatch('product', form);
  const version = Form.useWatch('version', form);
  const siteId = Form.useWatch('siteId', form);
  if (product === undefined || !hasLifecycleData(product)) return null;
  if (typeof version !== 'string' || !VERSION_PATTERN.test(version.trim())) return null;
  const zone = sites.find((s) => s.id === siteId)?.timeZone;
  return (
    <Flex gap={8} align="center" className="fb-lifecycle-preview">
      <Typography.Text type="secondary">
        {t('clusters.lifecyclePreview', { date: fmtDate(todayIsoDate(zone)) })}
      </Typography.Text>
      <LifecycleBadge product={product} version={version.trim()} zone={zone} />
    </Flex>
  );
}

export function ClusterFormModal({
  open,
  customerId,
  sites,
  cluster,
  onClose,
}: ClusterFormModalProps) {
  const { t } = useI18n();
  const rules = useFormRules();
  const db = useDatabase();
  const label = {
    site: t('clusters.field.site'),
    name: t('clusters.field.name'),
    environment: t('clusters.field.environment'),
    product: t('clusters.field.product'),
    version: t('clusters.field.version'),
    cp: t('clusters.field.controlPlaneNodes'),
    workers: t('clusters.field.workerNodes'),
    notes: t('clusters.field.notes'),
  };
  const nodeRule = (field: string) => ({
    type: 'integer' as const,
    min: NODE_RANGE.min,
    max: NODE_RANGE.max,
    message: t('clusters.field.nodesInvalid', { field, min: NODE_RANGE.min, max: NODE_RANGE.max }),
  });

  const submit = async (values: ClusterFormValues) => {
    const now = nowInstant();
    if (cluster === undefined) {
      await db.clusters.insert(clusterFromForm(values, now, { id: newId(), customerId }));
      return;
    }
    const current = await db.clusters.findOne(cluster.id).exec();
    if (current === null) throw new Error(t('common.notFound'));
    await current.incrementalModify((old) => clusterFromForm(values, now, old));
  };

  return (
    <FormModal<ClusterFormValues>
      open={open}
      title={cluster === undefined ? t('clusters.create') : t('clusters.edit')}
      initialValues={
        cluster === undefined
          ? {
              siteId: sites.length === 1 ? sites[0]?.id : undefined,
              environment: 'prod',
              product: 'DCE',
              controlPlaneNodes: 3,
              workerNodes: 3,
            }
          : clusterToForm(cluster)
      }
      onSubmit={submit}
      onClose={onClose}
      successMessage={cluster === undefined ? t('common.created') : t('common.saved')}
      fieldLabels={{
        siteId: label.site,
        name: label.name,
        environment: label.environment,
        product: label.product,
        version: label.version,
        controlPlaneNodes: label.cp,
        workerNodes: label.workers,
        notes: label.notes,
      }}
      testId="cluster-form"
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="siteId" label={label.site} rules={[rules.requiredSelect(label.site)]}>
            <Select
              options={sites.map((s) => ({ value: s.id, label: s.name }))}
              aria-label={label.site}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="name"
            label={label.name}
            rules={[rules.required(label.name), rules.maxLength(label.name, LIMIT.name)]}
          >
            <Input placeholder={t('clusters.placeholder.name')} autoFocus data-autofocus />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="environment"
            label={label.environment}
            rules={[rules.requiredSelect(label.environment)]}
          >
            <Radio.Group
              optionType="button"
              options={ENVIRONMENTS.map((e) => ({ value: e, label: t(`clusters.env.${e}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="product"
            label={label.product}
            rules={[rules.requiredSelect(label.product)]}
          >
            <Select
              options={PRODUCTS.map((p) => ({ value: p, label: p }))}
              aria-label={label.product}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="version"
            label={label.version}
            extra={t('clusters.field.versionHint')}
            rules={[
              rules.required(label.version),
              rules.maxLength(label.version, LIMIT.version),
              { pattern: VERSION_PATTERN, message: t('clusters.field.versionInvalid') },
            ]}
          >
            <Input placeholder="5.0.3" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="controlPlaneNodes"
            label={label.cp}
            rules={[rules.requiredSelect(label.cp), nodeRule(label.cp)]}
          >
            <InputNumber
              min={NODE_RANGE.min}
              max={NODE_RANGE.max}
              precision={0}
              className="fb-full"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="workerNodes"
            label={label.workers}
            rules={[rules.requiredSelect(label.workers), nodeRule(label.workers)]}
          >
            <InputNumber
              min={NODE_RANGE.min}
              max={NODE_RANGE.max}
              precision={0}
              className="fb-full"
            />
          </Form.Item>
        </Col>
      </Row>
      <LifecyclePreview sites={sites} />
      <Form.Item
        name="notes"
        label={label.notes}
        rules={[rules.maxLength(label.notes, LIMIT.notes)]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}
