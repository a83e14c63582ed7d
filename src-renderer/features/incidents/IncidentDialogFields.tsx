import { Alert, Descriptions, Flex, Form, Radio, Tag, Typography } from 'antd';
import type { IncidentDoc, SiteDoc } from '../../../src-shared/db/types';
import { cancellationDeadline } from '../../../src-shared/domain/incident-ops';
import { computeDue } from '../../../src-shared/domain/sla';
import { responseTarget } from '../../../src-shared/policy/index';
import type { PolicyPack } from '../../../src-shared/policy/types';
import { useI18n } from '../../app/i18n';
import { levelColor, levelLabel, targetText } from './incident-view-model';

/** The seed rule quoted in the reclassify dialog (level 1 without access → level 2). */
export const RECLASSIFY_RULE_ID = 'reclassify-1-to-2-without-access';

/**
 * Reclassification fields (inside an ActionModal form): the new level with each level's target,
 * the seed rule on reclassifying, a reminder that the original start is kept, and the due time
 * the new level would give from that same start.
 */
export function ReclassifyFields({
  incident,
  site,
  pack,
}: {
  incident: IncidentDoc;
  site: SiteDoc;
  pack: PolicyPack;
}) {
  const { t, lang, pick, fmtDateTime } = useI18n();
  const level = Form.useWatch<string | undefined>('level');
  const rule = pack.rules.find((r) => r.id === RECLASSIFY_RULE_ID);
  let newDue: string | null = null;
  if (level !== undefined) {
    try {
      newDue = computeDue({
        packId: incident.packId,
        tier: incident.tier,
        level,
        openedAt: incident.openedAt,
        timeZone: site.timeZone,
        calendar: site.holidayCalendar,
        pauses: incident.pauses,
      }).dueAt;
    } catch {
      newDue = null;
    }
  }
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="reclassify-keeps-start"
        title={t('incidents.reclassify.keepsStart', {
          time: fmtDateTime(incident.openedAt, site.timeZone),
        })}
      />
      {rule !== undefined && (
        <Form.Item label={t('incidents.reclassify.rule')}>
          <blockquote className="fb-rule-quote" data-testid="reclassify-rule">
            {pick(rule.text)}
          </blockquote>
        </Form.Item>
      )}
      <Form.Item
        name="level"
        label={t('incidents.reclassify.toLevel')}
        rules={[
          {
            required: true,
            message: t('common.requiredSelect', { field: t('incidents.reclassify.toLevel') }),
          },
        ]}
      >
        <Radio.Group data-testid="reclassify-level">
          <Flex vertical gap={4}>
            {pack.levels.map((l) => (
              <Radio
                key={l.id}
                value={l.id}
                disabled={l.id === incident.level}
                data-testid={`reclassify-level-${l.id}`}
              >
                <Tag color={levelColor(pack, l.id)}>{levelLabel(pack, l.id, t, lang)}</Tag>
                {pick(l.name)} ·{' '}
                <Typography.Text type="secondary">
                  {targetText(pack, responseTarget(pack, incident.tier, l.id), t, lang)}
                </Typography.Text>
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Form.Item>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('incidents.reclassify.currentDue')}>
          {incident.dueAt === '' ? '—' : fmtDateTime(incident.dueAt, site.timeZone)}
        </Descriptions.Item>
        {level !== undefined && (
          <Descriptions.Item label={t('incidents.reclassify.newDue')}>
            <Typography.Text strong data-testid="reclassify-new-due">
              {newDue === null ? '—' : fmtDateTime(newDue, site.timeZone)}
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
    </>
  );
}

/**
 * Closure fields: the pack's closure states with their seed wording, the resolution type for a
 * resolved closure, and the customer's deadline while an information request is outstanding.
 */
export function CloseFields({
  pack,
  incident,
  zone,
}: {
  pack: PolicyPack;
  incident: IncidentDoc;
  zone: string;
}) {
  const { t, pick, fmtDateTime } = useI18n();
  const state = Form.useWatch<string | undefined>('state');
  const chosen = pack.closureStates.find((c) => c.id === state);
  const deadline = cancellationDeadline(incident, pack);
  return (
    <>
      <Form.Item name="state" label={t('incidents.close.state')} rules={[{ required: true }]}>
        <Radio.Group data-testid="close-state">
          <Flex vertical gap={4}>
            {pack.closureStates.map((c) => (
              <Radio key={c.id} value={c.id} data-testid={`close-state-${c.id}`}>
                {pick(c.name)}
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Form.Item>
      {chosen !== undefined && (
        <blockquote className="fb-rule-quote" style={{ marginBottom: 12 }}>
          {pick(chosen.description)}
        </blockquote>
      )}
      {chosen?.visibleYears !== undefined && (
        <Typography.Paragraph type="secondary">
          {t('incidents.close.visibleYears', { years: chosen.visibleYears })}
        </Typography.Paragraph>
      )}
      {deadline !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="close-deadline"
          title={t('incidents.close.deadlineOpen', { time: fmtDateTime(deadline, zone) })}
        />
      )}
      {state === 'resolved' && pack.resolutionTypes.length > 0 && (
        <Form.Item
          name="resolutionType"
          label={t('incidents.close.resolutionType')}
          rules={[
            {
              required: true,
              message: t('common.requiredSelect', { field: t('incidents.close.resolutionType') }),
            },
          ]}
        >
          <Radio.Group data-testid="close-resolution">
            <Flex vertical gap={4}>
              {pack.resolutionTypes.map((r) => (
                <Radio key={r.id} value={r.id} data-testid={`close-resolution-${r.id}`}>
                  {pick(r.name)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
      )}
    </>
  );
}
