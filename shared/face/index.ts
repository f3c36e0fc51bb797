export * from './analysis';
export * from './challenge';
export * from './liveness';
export * from './quality';
export * from './similarity';
export * from './track';
export * from './trackFrame';
