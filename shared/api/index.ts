export * from './contract';
export * from './errors';
export * from './auth';
export * from './people';
export * from './instruments';
export * from './imports';
export * from './screening';
export * from './responses';
