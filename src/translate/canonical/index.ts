export type * from './content.js';
export type * from './error.js';
export type * from './opaque-state.js';
export type * from './request.js';
export type * from './response.js';
export type * from './stream-event.js';
export type * from './usage.js';
