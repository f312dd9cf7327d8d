/**
 * The server half of `npm run bench:edges`: the real webhook app (with the production logger)
 * in its own process, so the parent can read this process's CPU time alone. Its dispatcher is
 * a stub that fails the run if reached: every body the bench sends must be refused at the edge.
 */
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from '../src/dispatch/dispatcher.js';
import { createLogger } from '../src/logger.js';
import { systemClock } from '../src/time/clock.js';
import { createHttpApp } from '../src/transport/http-app.js';

export const BENCH_SECRETS = {
  encryptKey: 'bench-encrypt-key',
  verificationToken: 'bench-verification-token',
};

const unreachable = () => {
  throw new Error('bench: a body reached the dispatcher');
};
const dispatcher = { acceptEvent: unreachable, handleCardAction: unreachable } as unknown as Dispatcher;

const app = createHttpApp({
  secrets: BENCH_SECRETS,
  dispatcher,
  clock: systemClock,
  log: createLogger('info', 'bench-edges'),
  healthCheck: async () => true,
});
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', (msg: { cpu?: boolean; exit?: boolean }) => {
  if (msg.cpu) process.send?.({ cpu: process.cpuUsage() });
  if (msg.exit) process.exit(0);
});
process.on('disconnect', () => process.exit(0));
