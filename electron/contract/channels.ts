/**
 * The request and event channel names as plain lists, for code that must not
 * pull zod in (the sandboxed preload). The `satisfies` checks keep them in
 * step with the contract: a channel added there fails to compile here.
 */
import type { EventChannel, RequestChannel } from './contract';

const requestChannelSet = {
  'plan.current': true,
  'plan.open': true,
  'plan.recent': true,
  'status.get': true,
  'gate.run': true,
  'plan.runAll': true,
  'run.cancel': true,
  'run.get': true,
  'runs.list': true,
  'run.log': true,
  'term.ack': true,
  'term.watch': true,
  'settings.get': true,
  'metrics.series': true,
  'metrics.query': true,
  'metrics.verdicts': true,
  'identity.get': true,
  'identity.create': true,
  'identity.select': true,
  'signoff.review': true,
  'signoff.request': true,
  'signoff.sign': true,
  'signoff.import': true,
  'waiver.create': true,
  'bundle.verify': true,
  'ceremony.status': true,
  'ceremony.run': true,
} as const satisfies Record<RequestChannel, true>;

const eventChannelSet = {
  'run.updated': true,
  'run.attempt': true,
  'run.output': true,
  'plan.changed': true,
  notice: true,
  'metrics.update': true,
  'release.updated': true,
} as const satisfies Record<EventChannel, true>;

export const REQUEST_CHANNELS = Object.keys(requestChannelSet) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(eventChannelSet) as EventChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestChannelSet, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventChannelSet, name);
}

/** The Electron IPC channel that carries one request channel. */
export function ipcChannelOf(channel: RequestChannel): string {
  return `cockpit:${channel}`;
}

/** The one Electron IPC channel that carries every event to the window. */
export const IPC_EVENT_CHANNEL = 'cockpit:event';
