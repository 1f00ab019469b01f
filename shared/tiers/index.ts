export * from './defaults';
export * from './evaluate';
export * from './reasons';
export * from './schema';
export * from './critical-answer';
