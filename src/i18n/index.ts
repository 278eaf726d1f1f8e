export * from './locale.js';
export { MESSAGES } from './messages.js';
