// The chart code the widgets draw with (d3's scales and line), in one module that is loaded on
// first use: a page without a chart never downloads it (the script-tag build keeps it in its
// own file beside envmap.iife.js).
export { line, scaleBand, scaleLinear, scaleTime } from 'd3';
