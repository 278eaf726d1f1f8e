/** A track file's formats: DJI subtitle telemetry, IGC flight logs, GPX, NMEA 0183, CSV logs. */
export type TrackFormat = 'dji-srt' | 'igc' | 'gpx' | 'nmea' | 'csv';

/** One fix of a track. */
export interface TrackPoint {
  /** ms since the epoch (UTC); NaN where the file has no time. */
  time: number;
  /** WGS84 degrees. */
  lon: number;
  lat: number;
  /** Metres (the file's altitude: GPS / barometric / above take-off, as the format has it). */
  alt?: number;
  /** DJI SRT: the frame's offset in its video, ms. */
  videoMs?: number;
}

/** A sequence of fixes of one vehicle (a GPX `trk`/`rte`, an IGC flight, one SRT file). */
export interface Track {
  name?: string;
  points: TrackPoint[];
}

/** What `readTrack` read from one file. */
export interface TrackFile {
  format: TrackFormat;
  tracks: Track[];
  /** What was skipped and why, each naming its line where there is one. */
  warnings: string[];
}

export interface ReadTrackOptions {
  /** The file's format; sniffed from its content when absent. */
  format?: TrackFormat;
  /**
   * Offset of local times that carry no zone (DJI SRT dates, CSV times without a zone), as
   * `+08:00`, `-0530`, `Z` or `UTC`. Default `+08:00` (Beijing).
   */
  timeZone?: string;
  /** Name for the track(s) when the file has none. */
  name?: string;
}

/** A file that could not be read as a track: names the line where it could. */
export class TrackParseError extends Error {
  /** 1-based line of the problem, when there is one. */
  readonly line?: number;
  constructor(message: string, line?: number) {
    super(line !== undefined ? `line ${line}: ${message}` : message);
    this.name = 'TrackParseError';
    if (line !== undefined) this.line = line;
  }
}
