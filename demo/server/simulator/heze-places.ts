// The places of the simulated Heze: all invented except the national stations' values.

/** Real readings of Heze's national stations, 2018-02-20 07:00 (CNEMC, µg/m³; CO mg/m³). */
export const NATIONAL_BASE: Record<string, Record<string, number>> = {
  '1718A': { pm25: 55, pm10: 74, so2: 7, no2: 19, co: 1.5, o3_1h: 127, o3_8h: 64 },
  '1719A': { pm25: 51, pm10: 59, so2: 8, no2: 23, co: 1.1, o3_1h: 120, o3_8h: 67 },
  '1720A': { pm25: 69, pm10: 74, so2: 8, no2: 24, co: 1.3, o3_1h: 118, o3_8h: 68 },
};

export const TOWNS = [
  '牡丹',
  '东城',
  '西城',
  '南城',
  '北城',
  '丹阳',
  '岳程',
  '佃户屯',
  '何楼',
  '吕陵',
  '黄堽',
  '都司',
  '高庄',
  '小留',
  '李村',
  '马岭岗',
  '安兴',
  '大黄集',
  '胡集',
  '皇镇',
];

export const DRONES = [
  {
    id: 'UAV-01',
    route: [
      [115.43, 35.25],
      [115.5, 35.27],
      [115.52, 35.21],
      [115.45, 35.2],
    ],
  },
  {
    id: 'UAV-02',
    route: [
      [115.6, 35.05],
      [115.7, 35.08],
      [115.66, 35.0],
    ],
  },
];

export const CAMERAS = [
  { id: 'CAM-01', name: '吕陵镇 1 号塔', lon: 115.62, lat: 35.18, heading: 110 },
  { id: 'CAM-02', name: '吕陵镇 2 号塔', lon: 115.66, lat: 35.16, heading: 300 },
  { id: 'CAM-03', name: '黄堽镇塔', lon: 115.32, lat: 35.33, heading: 90 },
];

export const SECTIONS = [
  { id: 'WQ-01', name: '东鱼河 入境断面', river: '东鱼河', lon: 115.2, lat: 34.95 },
  { id: 'WQ-02', name: '东鱼河 出境断面', river: '东鱼河', lon: 116.2, lat: 34.83 },
  { id: 'WQ-03', name: '洙赵新河 市区断面', river: '洙赵新河', lon: 115.5, lat: 35.3 },
];

export const ENTERPRISES = ['EN-001', 'EN-002', 'EN-003'];
