/** A stylesheet imported as text (`import text from 'x.css?inline'`), bundled into shadow roots. */
declare module '*.css?inline' {
  const text: string;
  export default text;
}

/** GeoJSON data files bundled as modules (the offline base map). */
declare module '*.geojson' {
  const data: import('geojson').FeatureCollection;
  export default data;
}
