export { createMonitor, createMonitors, monitorKinds } from './monitor-registry.js';
export { separationMonitor, protectiveSeparationM, STANDSTILL_MPS } from './separation-monitor.js';
export type { SeparationConfig, ProtectiveSeparationInput } from './separation-monitor.js';
export { contactForceMonitor } from './contact-force-monitor.js';
export type { ContactForceConfig } from './contact-force-monitor.js';
export { nonFiniteActionMonitor } from './non-finite-action-monitor.js';
export { distanceToFootprintM, speedTowardsMps } from '../geometry.js';
