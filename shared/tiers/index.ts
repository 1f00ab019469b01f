export * from './defaults';
export * from './evaluate';
export { formatScore } from './reasons';
export * from './schema';
export * from './critical-answer';
