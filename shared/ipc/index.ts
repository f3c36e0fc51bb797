export * from './contract';
export * from './events';
export type { CareDeskBridge } from './bridge';
