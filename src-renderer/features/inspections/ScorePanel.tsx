import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Popover, Progress, Tag, Typography } from 'antd';
import type { Finding } from '../../../src-shared/domain/findings';
import { RISK_NAMES } from '../../../src-shared/domain/findings';
import type { ScoreBreakdown } from '../../../src-shared/domain/scoring';
import {
  HEALTH_GRADE_NAMES,
  HEALTH_SCORE_FORMULA,
  healthGrade,
} from '../../../src-shared/domain/scoring';
import type { RiskLevel } from '../../../src-shared/policy/templates/types';
import { useI18n } from '../../app/i18n';

export const RISK_COLOR: Record<RiskLevel, string> = {
  critical: 'magenta',
  high: 'red',
  medium: 'orange',
  low: 'gold',
};

const GRADE_COLOR = {
  healthy: '#389e0d',
  fair: '#1f5fbf',
  attention: '#d48806',
  'at-risk': '#cf1322',
} as const;

/** The live health score with its grade, result counts and the formula on demand. */
export function ScorePanel({ score }: { score: ScoreBreakdown }) {
  const { t, pick } = useI18n();
  const grade = score.score === null ? null : healthGrade(score.score);
  const c = score.counts;
  return (
    <Card
      size="small"
      title={t('inspections.score.title')}
      data-testid="score-panel"
      extra={
        <Popover
          title={t('inspections.score.formula')}
          content={<div className="fb-score-formula">{pick(HEALTH_SCORE_FORMULA)}</div>}
          trigger={['hover', 'click', 'focus']}
        >
          <Typography.Link className="fb-small" tabIndex={0} data-testid="score-formula">
            <InfoCircleOutlined /> {t('inspections.score.formula')}
          </Typography.Link>
        </Popover>
      }
    >
      <Flex vertical align="center" gap={8}>
        <Progress
          type="dashboard"
          percent={score.score ?? 0}
          size={120}
          strokeColor={grade === null ? undefined : GRADE_COLOR[grade]}
          format={() => (
            <span data-testid="health-score">{score.score === null ? '—' : score.score}</span>
          )}
        />
        <Typography.Text strong data-testid="health-grade">
          {grade === null ? t('inspections.score.none') : pick(HEALTH_GRADE_NAMES[grade])}
        </Typography.Text>
        <Typography.Text type="secondary" className="fb-small" data-testid="score-counts">
          {t('inspections.score.counts', {
            pass: c.pass,
            warning: c.warning,
            fail: c.fail,
            na: c.notApplicable,
            open: c.unanswered,
          })}
        </Typography.Text>
        <Typography.Paragraph type="secondary" className="fb-small fb-score-explain">
          {pick(HEALTH_SCORE_FORMULA)}
        </Typography.Paragraph>
        {score.capped && (
          <Alert
            type="error"
            showIcon
            title={t(
              score.cap === 'high-risk'
                ? 'inspections.score.cappedHighRisk'
                : 'inspections.score.capped',
            )}
            data-testid="score-capped"
          />
        )}
      </Flex>
    </Card>
  );
}

/** Findings at a glance: risk, title, the nodes involved. */
export function FindingsSummary({
  findings,
  clusterName,
}: {
  findings: Finding[];
  clusterName: (id: string) => string | undefined;
}) {
  const { t, pick } = useI18n();
  return (
    <Card
      size="small"
      title={`${t('inspections.findings.title')} (${findings.length})`}
      data-testid="findings-summary"
    >
      {findings.length === 0 ? (
        <Typography.Text type="secondary">{t('inspections.findings.empty')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {findings.map((f) => (
            <Flex key={f.id} gap={6} align="flex-start" data-testid="finding" data-id={f.id}>
              <Tag color={RISK_COLOR[f.risk]} data-testid="finding-risk" data-risk={f.risk}>
                {pick(RISK_NAMES[f.risk])}
              </Tag>
              <span>
                {pick(f.title)}
                {f.nodes.length > 0 && (
                  <Typography.Text type="secondary"> · {f.nodes.join(', ')}</Typography.Text>
                )}
                {clusterName(f.clusterId) !== undefined && (
                  <Typography.Text type="secondary"> · {clusterName(f.clusterId)}</Typography.Text>
                )}
              </span>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
