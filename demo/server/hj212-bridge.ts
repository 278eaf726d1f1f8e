// A TCP listener for monitoring devices speaking HJ 212-2017: it answers data uploads as the
// protocol requires (CN 9014 data reply when Flag asks for one) and turns them into feed
// messages (station.reading, river.section, power.reading) through a registry of devices.
import { createServer, type Server, type Socket } from 'node:net';
import {
  Hj212Error,
  excerpt,
  hj212Reply,
  hj212TimeToIso,
  parseHj212,
  type Envelope,
  type Hj212Packet,
} from '../../src/index.js';

/** What the bridge knows of a device, by its MN. */
export type Hj212Device =
  | { kind: 'air'; stationId: string }
  | { kind: 'water'; sectionId: string; name: string; river?: string; lon: number; lat: number }
  | {
      kind: 'power';
      enterpriseId: string;
      /** Per equipment code (SB1, ...): the meter, its role, and the pollutant code carrying kW. */
      meters: Record<
        string,
        { meterId: string; role: 'production' | 'treatment'; powerCode: string }
      >;
    };

/** Air codes of HJ 212 appendix B and the feed's reading keys. */
export const AIR_CODES: Record<string, string> = {
  a34004: 'pm25',
  a34002: 'pm10',
  a21026: 'so2',
  a21004: 'no2',
  a21005: 'co',
  a05024: 'o3_1h',
};
/** Water codes of HJ 212 appendix B and the feed's value keys. */
export const WATER_CODES: Record<string, string> = {
  w01018: 'cod',
  w21003: 'nh3n',
  w21011: 'tp',
  w01009: 'do',
  w01001: 'ph',
  w01019: 'codmn',
};
const DATA_COMMANDS: Record<string, 'realtime' | 'hour' | 'day'> = {
  '2011': 'realtime',
  '2051': 'realtime',
  '2061': 'hour',
  '2031': 'day',
};
const MAX_BUFFER = 64 * 1024;

export interface BridgeStats {
  frames: number;
  rejected: number;
  replies: number;
  published: number;
  unknownDevices: number;
}

export interface BridgeOptions {
  devices: ReadonlyMap<string, Hj212Device>;
  publish: (envelopes: Envelope[]) => void;
  /** Reports a refused frame (never thrown). */
  onError?: (message: string) => void;
}

function value(packet: Hj212Packet, code: string): number | undefined {
  const v = packet.cp.pollutants[code];
  return v?.rtd ?? v?.avg;
}

/** Feed messages for one data packet from a known device. */
export function packetToEnvelopes(packet: Hj212Packet, device: Hj212Device): Envelope[] {
  const period = DATA_COMMANDS[packet.cn];
  if (!period) return [];
  const time = hj212TimeToIso(packet.cp.dataTime ?? packet.qn ?? '');
  const id = `hj212-${packet.mn}-${packet.cn}-${packet.cp.dataTime ?? packet.qn}`;
  const pick = (codes: Record<string, string>) => {
    const out: Record<string, number> = {};
    for (const [code, key] of Object.entries(codes)) {
      const v = value(packet, code);
      if (v !== undefined) out[key] = v;
    }
    return out;
  };
  const envelope = (type: string, data: unknown, suffix = ''): Envelope => ({
    type,
    id: id + suffix,
    time,
    source: `hj212:${packet.mn}`,
    data,
  });
  switch (device.kind) {
    case 'air':
      return [
        envelope('station.reading', {
          stationId: device.stationId,
          period,
          values: pick(AIR_CODES),
        }),
      ];
    case 'water':
      return [
        envelope('river.section', {
          id: device.sectionId,
          name: device.name,
          river: device.river,
          lon: device.lon,
          lat: device.lat,
          values: pick(WATER_CODES),
        }),
      ];
    case 'power':
      return Object.entries(device.meters).flatMap(([sb, meter]) => {
        const kw = value(packet, meter.powerCode);
        const rs = packet.cp.equipment[sb]?.rs;
        if (kw === undefined && rs === undefined) return [];
        return [
          envelope(
            'power.reading',
            {
              enterpriseId: device.enterpriseId,
              meterId: meter.meterId,
              role: meter.role,
              powerKw: kw ?? 0,
              ...(rs !== undefined ? { running: rs === 1 } : {}),
            },
            `-${sb}`,
          ),
        ];
      });
  }
}

/** Creates the bridge's TCP server (not yet listening). */
export function createHj212Bridge(options: BridgeOptions): { server: Server; stats: BridgeStats } {
  const stats: BridgeStats = {
    frames: 0,
    rejected: 0,
    replies: 0,
    published: 0,
    unknownDevices: 0,
  };
  const report = (message: string) => options.onError?.(message);

  const handleFrame = (socket: Socket, frame: string) => {
    stats.frames++;
    let packet: Hj212Packet;
    try {
      packet = parseHj212(frame);
    } catch (e) {
      stats.rejected++;
      // A frame with a bad CRC or format gets no reply (HJ 212-2017, 6.3.1): the device resends.
      report(
        `HJ 212 frame refused (${e instanceof Hj212Error ? e.message : String(e)}): ${excerpt(frame)}`,
      );
      return;
    }
    const reply = hj212Reply(packet);
    if (reply) {
      socket.write(reply);
      stats.replies++;
    }
    const device = options.devices.get(packet.mn);
    if (!device) {
      stats.unknownDevices++;
      report(`HJ 212 data from unknown device MN=${packet.mn}`);
      return;
    }
    try {
      const envelopes = packetToEnvelopes(packet, device);
      if (envelopes.length > 0) {
        options.publish(envelopes);
        stats.published += envelopes.length;
      }
    } catch (e) {
      stats.rejected++;
      report(`HJ 212 packet from ${packet.mn} could not be converted: ${(e as Error).message}`);
    }
  };

  const server = createServer((socket) => {
    socket.setEncoding('latin1');
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        const start = buffer.indexOf('##');
        if (start === -1) {
          buffer = buffer.endsWith('#') ? '#' : '';
          break;
        }
        const end = buffer.indexOf('\r\n', start);
        if (end === -1) {
          buffer = buffer.slice(start);
          break;
        }
        if (start > 0) report(`HJ 212: ${start} bytes before ## skipped`);
        handleFrame(socket, buffer.slice(start, end + 2));
        buffer = buffer.slice(end + 2);
      }
      if (buffer.length > MAX_BUFFER) {
        report(`HJ 212: no frame end in ${MAX_BUFFER} bytes, buffer dropped`);
        stats.rejected++;
        buffer = '';
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return { server, stats };
}
