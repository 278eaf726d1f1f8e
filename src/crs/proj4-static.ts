// Provides proj4 as the core loads, so that src/crs transforms synchronously from the start. The
// script-tag build replaces this module with an empty one and loads proj4 on first use.
import proj4 from 'proj4';
import { provideProj4 } from './proj4.js';

provideProj4(proj4);
