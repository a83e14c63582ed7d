import { Card, Flex, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useRxQuery } from '../../db/hooks';
import { siteZoneOf } from './site-zone';
import { ExportOpenButtons } from './ExportOpenButtons';

/** The deliverables made from one incident or inspection, newest first. */
export function SourceDeliverablesCard({
  sourceId,
  className,
}: {
  sourceId: string;
  /** For the page's spacing; the card renders nothing while there are no deliverables. */
  className?: string;
}) {
  const { t, fmtSiteTime } = useI18n();
  const found = useRxQuery((db) => db.deliverables.find({ selector: { sourceId } }), [sourceId]);
  const docs = useMemo(
    () =>
      [...found.docs].sort(
        (a, b) => b.documentRevision - a.documentRevision || (a.updatedAt < b.updatedAt ? 1 : -1),
      ),
    [found.docs],
  );
  if (docs.length === 0) return null;
  return (
    <Card
      size="small"
      className={className}
      title={<Link to="/deliverables">{t('deliverables.title')}</Link>}
      data-testid="source-deliverables"
    >
      <Flex vertical gap={8}>
        {docs.map((d) => (
          <Flex key={d.id} gap={8} align="center" wrap justify="space-between">
            <Flex gap={8} align="center" wrap>
              <Typography.Text code>{d.documentNumber}</Typography.Text>
              <Tag>{t('deliverables.revision', { n: d.documentRevision })}</Tag>
              <Tag color={d.status === 'signed' ? 'green' : 'gold'}>
                {t(`deliverables.status.${d.status}`)}
              </Tag>
              <Typography.Text type="secondary">
                {t(`deliverables.lang.${d.lang}`)} ·{' '}
                {fmtSiteTime(d.signedAt ?? d.updatedAt, siteZoneOf(d))}
              </Typography.Text>
            </Flex>
            <ExportOpenButtons doc={d} size="small" />
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
