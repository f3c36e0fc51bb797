export * from './rows';
export * from './wire';
export * from './auth';
export * from './merge';
export * from './admin';
export * from './proof';
