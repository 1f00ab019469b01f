export * from './cell';
export * from './fields';
export * from './header';
export * from './id-number';
export * from './normalise';
export * from './perinatal';
export * from './validate-row';
export * from './issues';
