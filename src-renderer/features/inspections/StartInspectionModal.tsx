import { Checkbox, Flex, Form, Select, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ClusterDoc, InspectionNode } from '../../../src-shared/db/types';
import {
  packForProduct,
  proposedNodes,
  startInspection,
  templateForProduct,
} from '../../../src-shared/domain/inspection-ops';
import { nowInstant } from '../../app/clock';
import { useI18n } from '../../app/i18n';
import { useEngineer } from '../../app/settings';
import { FormModal } from '../../components/FormModal';
import { usePreselectSingle } from '../../components/use-preselect';
import { useDatabase } from '../../db/database-context';
import { useRxQuery } from '../../db/hooks';
import { clustersOfSite, visitsOfSite } from '../../db/queries';
import { useCustomerSites, useLookups } from '../visits/use-lookups';

interface FormValues {
  customerId?: string;
  siteId?: string;
  clusterIds: string[];
  engineers: string[];
  visitId?: string;
}

export interface StartInspectionModalProps {
  open: boolean;
  onClose: () => void;
  onStarted: (inspectionId: string) => void;
  /** Preselected customer, site, cluster, visit (opened from a customer, cluster or visit page). */
  customerId?: string;
  siteId?: string;
  cluster?: ClusterDoc;
  visitId?: string;
}

type NodeRole = InspectionNode['role'];

/** Node names per role, as the engineer edits them before starting. */
type NodeNames = Partial<Record<NodeRole, string[]>>;

function proposedNames(cluster: ClusterDoc): NodeNames {
  const out: NodeNames = {};
  for (const n of proposedNodes(cluster)) (out[n.role] ??= []).push(n.name);
  return out;
}

function nodesOf(names: NodeNames): InspectionNode[] {
  return (Object.entries(names) as [NodeRole, string[]][]).flatMap(([role, list]) =>
    list.map((name) => ({ name: name.trim(), role })),
  );
}

const ROLES: readonly NodeRole[] = ['control-plane', 'worker', 'host'];

/**
 * Starts an inspection of one or more clusters of a site. The template follows from the
 * clusters' product (DCE → DCE S360, Apsara Stack / ZStack → private-cloud resource
 * inspection); per-node items repeat for the nodes the cluster's node counts give.
 */
export function StartInspectionModal({
  open,
  onClose,
  onStarted,
  customerId,
  siteId,
  cluster,
  visitId,
}: StartInspectionModalProps) {
  const { t, pick } = useI18n();
  const db = useDatabase();
  const engineer = useEngineer();
  const { customers } = useLookups();
  const [form] = Form.useForm<FormValues>();
  const chosenCustomer = Form.useWatch('customerId', form);
  const chosenSite = Form.useWatch('siteId', form);
  const chosenClusters = Form.useWatch('clusterIds', form) as string[] | undefined;
  // The list can still be the previous customer's for a moment after a change.
  const sites = useCustomerSites(chosenCustomer).filter((s) => s.customerId === chosenCustomer);
  const clusters = useRxQuery(
    (d) => (chosenSite === undefined ? null : clustersOfSite(d, chosenSite)),
    [chosenSite],
  ).docs;
  const visits = useRxQuery(
    (d) => (chosenSite === undefined ? null : visitsOfSite(d, chosenSite)),
    [chosenSite],
  ).docs;
  const [nodeNames, setNodeNames] = useState<Record<string, NodeNames>>({});

  useEffect(() => {
    if (!open) return;
    setNodeNames({});
    // Set by code (not counted as the engineer's change), again when a preselected cluster
    // arrives after the dialog opened.
    form.setFieldsValue({
      customerId: cluster?.customerId ?? customerId,
      siteId: cluster?.siteId ?? siteId,
      clusterIds: cluster === undefined ? [] : [cluster.id],
      engineers: engineer.name === '' ? [] : [engineer.name],
      visitId,
    });
  }, [open, form, customerId, siteId, cluster, visitId, engineer.name]);
  usePreselectSingle(
    form,
    'siteId',
    sites.map((s) => s.id),
    open,
  );

  const selected = useMemo(
    () => clusters.filter((c) => (chosenClusters ?? []).includes(c.id)),
    [clusters, chosenClusters],
  );
  const packs = new Set(selected.map((c) => packForProduct(c.product)));
  const template =
    selected[0] !== undefined && packs.size === 1 ? templateForProduct(selected[0].product) : null;

  async function submit(values: FormValues): Promise<void> {
    if (values.customerId === undefined || values.siteId === undefined) return;
    const doc = startInspection(
      {
        customerId: values.customerId,
        siteId: values.siteId,
        clusters: selected.map((c) => ({
          cluster: c,
          nodes: nodesOf(nodeNames[c.id] ?? proposedNames(c)),
        })),
        engineers: values.engineers,
        visitId: values.visitId,
      },
      nowInstant(),
    );
    await db.inspections.insert(doc);
    onStarted(doc.id);
  }

  const required = (field: string) => ({
    required: true,
    message: t('common.requiredSelect', { field: t(field) }),
  });

  const fieldLabels = {
    customerId: t('inspections.form.customer'),
    siteId: t('inspections.form.site'),
    clusters: t('inspections.form.clusters'),
    clusterIds: t('inspections.form.clusters'),
    nodes: t('inspections.form.clusters'),
    engineers: t('inspections.form.engineers'),
    visitId: t('inspections.form.visit'),
  };

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      title={t('inspections.form.title')}
      okText={t('inspections.new')}
      okDisabled={template === null}
      onSubmit={submit}
      onClose={onClose}
      closeAfterSave={false}
      successMessage={t('inspections.started')}
      fieldLabels={fieldLabels}
      width={620}
      testId="inspection-form"
      onValuesChange={(changed) => {
        if ('customerId' in changed)
          form.setFieldsValue({ siteId: undefined, clusterIds: [], visitId: undefined });
        if ('siteId' in changed) form.setFieldsValue({ clusterIds: [], visitId: undefined });
      }}
    >
      <Form.Item
        name="customerId"
        label={t('inspections.form.customer')}
        rules={[required('inspections.form.customer')]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={customers.map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
      <Form.Item
        name="siteId"
        label={t('inspections.form.site')}
        rules={[required('inspections.form.site')]}
        extra={
          chosenCustomer !== undefined && sites.length === 0 ? (
            <Typography.Text type="warning">{t('inspections.form.noSites')}</Typography.Text>
          ) : undefined
        }
      >
        <Select
          disabled={chosenCustomer === undefined}
          options={sites.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item
        name="clusterIds"
        label={t('inspections.form.clusters')}
        extra={t('inspections.form.clustersHint')}
        rules={[
          { ...required('inspections.form.clusters'), type: 'array', min: 1 },
          {
            validator: () =>
              packs.size > 1
                ? Promise.reject(new Error(t('inspections.form.mixedPacks')))
                : Promise.resolve(),
          },
        ]}
      >
        <Checkbox.Group className="fb-full">
          <Flex vertical gap={6}>
            {chosenSite !== undefined && clusters.length === 0 && (
              <Typography.Text type="secondary">{t('inspections.form.noClusters')}</Typography.Text>
            )}
            {clusters.map((c) => (
              <Checkbox key={c.id} value={c.id} data-testid="inspection-cluster-option">
                <span>
                  {c.name}{' '}
                  <Tag>
                    {c.product} {c.version}
                  </Tag>
                </span>
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
      {selected.map((c) => {
        const names = nodeNames[c.id] ?? proposedNames(c);
        return (
          <Form.Item
            key={c.id}
            label={t('inspections.form.nodesOf', { name: c.name })}
            extra={t('inspections.form.nodesHint')}
          >
            <Flex vertical gap={6}>
              {ROLES.filter((r) => names[r] !== undefined).map((role) => (
                <Select
                  key={role}
                  mode="tags"
                  open={false}
                  suffixIcon={null}
                  prefix={t(`inspections.role.${role}`)}
                  aria-label={`${c.name} ${t(`inspections.role.${role}`)}`}
                  value={names[role]}
                  onChange={(list: string[]) =>
                    setNodeNames((all) => ({ ...all, [c.id]: { ...names, [role]: list } }))
                  }
                  data-testid="inspection-nodes"
                />
              ))}
            </Flex>
          </Form.Item>
        );
      })}
      <Form.Item label={t('inspections.form.template')}>
        <Typography.Text data-testid="inspection-template">
          {template === null
            ? t('inspections.form.templateNone')
            : t('inspections.templateVersion', {
                name: pick(template.name),
                version: template.version,
              })}
        </Typography.Text>
      </Form.Item>
      <Form.Item
        name="engineers"
        label={t('inspections.form.engineers')}
        extra={t('inspections.form.engineersHint')}
      >
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          aria-label={t('inspections.form.engineers')}
        />
      </Form.Item>
      <Form.Item
        name="visitId"
        label={t('inspections.form.visit')}
        extra={t('inspections.form.visitHint')}
      >
        <Select
          allowClear
          disabled={chosenSite === undefined}
          options={visits.map((v) => ({
            value: v.id,
            label: `${v.plannedDate ?? v.createdAt.slice(0, 10)} · ${t(`visits.purpose.${v.purpose}`)} · ${v.summary}`,
          }))}
        />
      </Form.Item>
    </FormModal>
  );
}
