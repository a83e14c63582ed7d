import { Select } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../app/i18n';

/** The zone a new site gets unless the engineer picks another. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function utcOffsetLabel(zone: string, at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'shortOffset',
    }).formatToParts(at);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

let cachedZones: { value: string; label: string }[] | null = null;

/** IANA zones known to this runtime, each with its current UTC offset (computed once). */
function zoneOptions(): { value: string; label: string }[] {
  if (cachedZones !== null) return cachedZones;
  const now = new Date();
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  // Some runtimes list only canonical zones; keep the default and UTC selectable everywhere.
  zones.add(DEFAULT_TIME_ZONE);
  zones.add('UTC');
  cachedZones = [...zones].sort().map((zone) => {
    const offset = utcOffsetLabel(zone, now);
    return { value: zone, label: offset === '' ? zone : `${zone} (${offset})` };
  });
  return cachedZones;
}

export interface TimeZoneSelectProps {
  id?: string;
  value?: string;
  onChange?: (zone: string) => void;
  'aria-label'?: string;
}

/** Searchable select of IANA zones; a controlled antd form field. */
export function TimeZoneSelect({ id, value, onChange, ...rest }: TimeZoneSelectProps) {
  const { t } = useI18n();
  const options = useMemo(zoneOptions, []);
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={(zone: string) => onChange?.(zone)}
      options={options}
      placeholder={t('timeZone.placeholder')}
      aria-label={rest['aria-label'] ?? t('timeZone.label')}
      virtual
    />
  );
}
