import { UndoOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Tag, Typography } from 'antd';
import type { InspectionDoc } from '../../../src-shared/db/types';
import type { Finding } from '../../../src-shared/domain/findings';
import { RISK_NAMES } from '../../../src-shared/domain/findings';
import { RISK_LEVELS } from '../../../src-shared/policy/templates/types';
import type { RiskLevel } from '../../../src-shared/policy/templates/types';
import { useI18n } from '../../app/i18n';
import { unitKey } from './inspection-view-model';
import { RISK_COLOR } from './ScorePanel';
import { useDraft } from './use-draft';

export type SaveFinding = (
  findingId: string,
  patch: { risk?: RiskLevel | null; recommendation?: string | null },
) => Promise<void>;

function FindingEditor({
  finding,
  edited,
  readOnly,
  save,
}: {
  finding: Finding;
  edited: boolean;
  readOnly: boolean;
  save: SaveFinding;
}) {
  const { t, pick } = useI18n();
  const recommendation = useDraft(pick(finding.recommendation), (text) =>
    save(finding.id, { recommendation: text.trim() === '' ? null : text }),
  );
  const key = unitKey(finding.unit);
  const unit = key === null ? (finding.unit ?? '') : t(key);
  const values = finding.values
    .map((v) => `${v.node === undefined ? '' : `${v.node} `}${v.value}${unit}`)
    .join(t('common.listSeparator'));
  return (
    <Card
      size="small"
      data-testid="finding-editor"
      data-id={finding.id}
      title={
        <Flex gap={8} align="center" wrap>
          <Tag color={RISK_COLOR[finding.risk]}>{pick(RISK_NAMES[finding.risk])}</Tag>
          <span>{pick(finding.title)}</span>
          <Tag color={finding.result === 'fail' ? 'error' : 'warning'}>
            {t(`inspections.result.${finding.result}`)}
          </Tag>
          {edited && <Tag>{t('inspections.findings.edited')}</Tag>}
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        {finding.nodes.length > 0 && (
          <Typography.Text type="secondary" className="fb-small">
            {t('inspections.findings.nodes', { nodes: finding.nodes.join(', ') })}
          </Typography.Text>
        )}
        {values !== '' && (
          <Typography.Text type="secondary" className="fb-small">
            {t('inspections.findings.values', { values })}
          </Typography.Text>
        )}
        {finding.notes.length > 0 && (
          <Typography.Text className="fb-small">
            {finding.notes.join(t('common.itemSeparator'))}
          </Typography.Text>
        )}
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('inspections.findings.risk')}</Typography.Text>
          <Select<RiskLevel>
            size="small"
            value={finding.risk}
            disabled={readOnly}
            aria-label={`${t('inspections.findings.risk')}: ${pick(finding.title)}`}
            className="fb-risk-select"
            options={RISK_LEVELS.map((r) => ({ value: r, label: pick(RISK_NAMES[r]) }))}
            onChange={(risk) => void save(finding.id, { risk })}
            data-testid="finding-risk-select"
          />
        </Flex>
        <Input.TextArea
          aria-label={`${t('inspections.findings.recommendation')}: ${pick(finding.title)}`}
          autoSize={{ minRows: 2, maxRows: 8 }}
          value={recommendation.text}
          disabled={readOnly}
          onChange={(e) => recommendation.change(e.target.value)}
          onBlur={recommendation.flush}
          data-testid="finding-recommendation"
        />
        {edited && !readOnly && (
          <Flex>
            <Button
              size="small"
              icon={<UndoOutlined />}
              onClick={() => void save(finding.id, { risk: null, recommendation: null })}
            >
              {t('inspections.findings.resetRecommendation')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

export interface EvaluationSectionProps {
  doc: InspectionDoc;
  findings: Finding[];
  totalChecks: number;
  readOnly: boolean;
  saveFinding: SaveFinding;
  saveEvaluation: (text: string) => Promise<void>;
}

/** 总体评价: the findings with editable risk and recommendation, and the engineer's text. */
export function EvaluationSection({
  doc,
  findings,
  totalChecks,
  readOnly,
  saveFinding,
  saveEvaluation,
}: EvaluationSectionProps) {
  const { t } = useI18n();
  const evaluation = useDraft(doc.overallEvaluation, saveEvaluation);
  const edited = new Set(doc.findingEdits.map((e) => e.id));
  return (
    <Flex vertical gap={12}>
      <Typography.Text>
        {t('inspections.evaluation.summary', { total: totalChecks, findings: findings.length })}
      </Typography.Text>
      <Typography.Title level={3} className="fb-section-title">
        {t('inspections.findings.title')}
      </Typography.Title>
      {findings.length === 0 && (
        <Typography.Text type="secondary">{t('inspections.findings.empty')}</Typography.Text>
      )}
      {findings.map((f) => (
        <FindingEditor
          key={f.id}
          finding={f}
          edited={edited.has(f.id)}
          readOnly={readOnly}
          save={saveFinding}
        />
      ))}
      <Typography.Title level={3} className="fb-section-title">
        {t('inspections.evaluation.title')}
      </Typography.Title>
      <Input.TextArea
        aria-label={t('inspections.evaluation.title')}
        placeholder={t('inspections.evaluation.placeholder')}
        autoSize={{ minRows: 5, maxRows: 16 }}
        value={evaluation.text}
        disabled={readOnly}
        onChange={(e) => evaluation.change(e.target.value)}
        onBlur={evaluation.flush}
        data-testid="overall-evaluation"
      />
    </Flex>
  );
}
