export { HttpsEmulator, BadRequestBody } from './common/https-emulator';
export type { EmulatorRequest, EmulatorResponse, RouteHandler, ServiceShape } from './common/https-emulator';
export { EmulatorClock } from './common/clock';
export { CallCounters } from './common/call-counters';
export { FaultInjector } from './common/faults';
export type { FaultKind, FaultSettings } from './common/faults';
export { loadServerTls } from './common/tls-files';
export type { ServerTls } from './common/tls-files';
