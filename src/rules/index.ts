export * from './calendar.ts';
export * from './periods.ts';
export * from './parameters.ts';
export * from './deadlines.ts';
export * from './identity.ts';
export * from './damages.ts';
