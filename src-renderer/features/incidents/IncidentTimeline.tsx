import { Flex, Tag, Timeline, Typography } from 'antd';
import type { TimelineProps } from 'antd';
import type { IncidentDoc, TimelineEventKind } from '../../../src-shared/db/types';
import type { PolicyPack } from '../../../src-shared/policy/types';
import { useI18n } from '../../app/i18n';
import { levelLabel } from './incident-view-model';

const KIND_COLOR: Partial<Record<TimelineEventKind, string>> = {
  opened: 'blue',
  'first-response': 'green',
  reclassification: 'orange',
  pause: 'gray',
  resume: 'blue',
  escalation: 'red',
  resolution: 'green',
  closure: 'green',
};

/** The incident's append-only timeline, newest first (by instant, then id). */
export function IncidentTimeline({
  incident,
  pack,
  zone,
}: {
  incident: IncidentDoc;
  pack: PolicyPack;
  zone: string;
}) {
  const { t, lang, fmtSiteTime } = useI18n();
  const events = [...incident.timeline].sort(
    (a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  const items: NonNullable<TimelineProps['items']> = events.map((e) => ({
    key: e.id,
    color: KIND_COLOR[e.kind] ?? 'gray',
    content: (
      <Flex vertical gap={2} data-testid="incident-event" data-kind={e.kind}>
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{fmtSiteTime(e.at, zone)}</Typography.Text>
          <Typography.Text type="secondary">{e.author}</Typography.Text>
          <Tag>{t(`incidents.event.${e.kind}`)}</Tag>
          {e.fromLevel !== undefined && e.toLevel !== undefined && (
            <Typography.Text>
              {levelLabel(pack, e.fromLevel, t, lang)} → {levelLabel(pack, e.toLevel, t, lang)}
            </Typography.Text>
          )}
        </Flex>
        {e.text !== '' && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {e.text}
          </Typography.Paragraph>
        )}
      </Flex>
    ),
  }));
  return <Timeline items={items} />;
}
