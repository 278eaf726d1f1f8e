import type { AlarmRecord } from '../../src/index.js';
import type { EnvAlarmDetail } from './events.js';
import { safeUrl } from './fetch-text.js';

/** The `env-alarm` detail of an alarm; the snapshot URL only when it passes the check. */
export function alarmDetail(
  alarm: AlarmRecord,
  action: EnvAlarmDetail['action'],
  cameraName?: string,
): EnvAlarmDetail {
  return {
    action,
    id: alarm.id,
    cameraId: alarm.cameraId,
    cameraName,
    kind: alarm.kind,
    bearing: alarm.bearing,
    confidence: alarm.confidence,
    time: alarm.time,
    state: alarm.state,
    snapshotUrl: alarm.snapshotUrl ? (safeUrl(alarm.snapshotUrl)?.href ?? null) : null,
  };
}
