import { DatePicker, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import {
  instantToWallClock,
  laptopTimeZone,
  offsetsDiffer,
  wallClockToInstant,
  zoneLabel,
} from './zone-time';

export interface ZonedDateTimeInputProps {
  /** The chosen instant (ISO with the zone's offset). */
  value?: string;
  onChange?: (iso: string | undefined) => void;
  /** IANA zone the wall-clock reading is typed in: the site's. */
  zone: string;
  /** Below the picker: what the laptop's clock reads at that instant, when it differs. */
  showLaptopTime?: boolean;
  'data-testid'?: string;
  id?: string;
}

/**
 * A date-time picker whose reading is the wall clock of `zone`, not of the laptop: the picker
 * works on a zone-less wall-clock value and the conversion to an instant happens here.
 */
export function ZonedDateTimeInput({
  value,
  onChange,
  zone,
  showLaptopTime = true,
  id,
  'data-testid': testId,
}: ZonedDateTimeInputProps) {
  const { t, fmtDateTime } = useI18n();
  // Stable identity per value: the picker resets the text being typed when its value prop
  // changes, and the surrounding form re-renders for unrelated reasons while the user types.
  const picked = useMemo<Dayjs | null>(() => {
    if (value === undefined) return null;
    const w = instantToWallClock(value, zone);
    // A zone-less reading: the fields are the site's wall clock, whatever the laptop's zone.
    const pad = (n: number) => String(n).padStart(2, '0');
    return dayjs(`${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`);
  }, [value, zone]);
  const laptopZone = laptopTimeZone();
  return (
    <Flex vertical gap={4}>
      <DatePicker
        id={id}
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        value={picked}
        needConfirm={false}
        allowClear={false}
        style={{ width: '100%' }}
        data-testid={testId}
        onChange={(d: Dayjs | null) => {
          // The field cannot be cleared (allowClear is off); an emptied text box while typing
          // must not drop the value.
          if (d === null) return;
          onChange?.(
            wallClockToInstant(
              {
                year: d.year(),
                month: d.month() + 1,
                day: d.date(),
                hour: d.hour(),
                minute: d.minute(),
              },
              zone,
            ),
          );
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {zoneLabel(zone, value ?? new Date().toISOString())}
      </Typography.Text>
      {showLaptopTime && value !== undefined && offsetsDiffer(value, zone, laptopZone) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="laptop-time">
          {t('visits.detail.laptopTime')}: {fmtDateTime(value, laptopZone)}
        </Typography.Text>
      )}
    </Flex>
  );
}
