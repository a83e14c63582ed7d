import { DatePicker, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
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
  let picked: Dayjs | null = null;
  if (value !== undefined) {
    const w = instantToWallClock(value, zone);
    // A zone-less reading: the fields are the site's wall clock, whatever the laptop's zone.
    picked = dayjs(
      `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}T${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`,
    );
  }
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
          if (d === null) {
            onChange?.(undefined);
            return;
          }
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
