/** Registers every envmap custom element. */
import { defineElements } from '../define.js';

defineElements();

export * from './index.js';
