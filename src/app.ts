import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { ActionRegistry } from './actions/registry.js';
import { drainBatchers } from './batching/collections.js';
import { createContentImportFileHandler } from './commands/content-import.js';
import { createMemberImportFileHandler } from './commands/import.js';
import { registerCommands } from './commands/index.js';
import { register as registerPledges } from './commands/pledge.js';
import { createPledgeFileHandler } from './commands/pledge-file.js';
import { registerPolls } from './commands/poll.js';
import { CommandRegistry } from './commands/registry.js';
import { createTaskImportFileHandler } from './commands/task-ledger.js';
import type { Config } from './config.js';
import { pingDatabase } from './db.js';
import type { BotServices } from './dispatch/context.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import { pruneInbox } from './dispatch/inbox.js';
import { createCalendarService } from './domain/calendar-service.js';
import { createOrgAccessPolicy } from './domain/org-access.js';
import { createDirectory } from './domain/people.js';
import { configureSealing } from './domain/sealing.js';
import { loadSettings } from './domain/settings.js';
import { setTaskListenerErrorReporter } from './domain/task-listeners.js';
import { eventHandlers } from './events/chat-membership.js';
import { listenForPledgeDepartments } from './events/pledge-dept-newcomers.js';
import { registerBroadcastJobs } from './jobs/broadcasts.js';
import { registerJobCleanup } from './jobs/cleanup.js';
import { registerDigestJobs } from './jobs/digest.js';
import { registerPledgeJobs } from './jobs/pledge-reminders.js';
import { Scheduler } from './jobs/scheduler.js';
import { listenForTaskChanges, registerTaskReminderJobs, type TaskReminders } from './jobs/task-reminders.js';
import { registerWarningJobs } from './jobs/warnings.js';
import { createLarkClient, type LarkClient } from './lark/client.js';
import { createOutboxMessenger } from './lark/outbox-messenger.js';
import { Sender } from './lark/sender.js';
import { createLogger, type Logger } from './logger.js';
import { type Clock, systemClock } from './time/clock.js';
import { createHttpApp } from './transport/http-app.js';
import { startLongConnection } from './transport/ws.js';

/** What the bot is built from; tests and the demo inject a clock, client and timings. */
export interface BotOptions {
  config: Config;
  log?: Logger;
  clock?: Clock;
  larkClient?: LarkClient;
  /** Unique per process; lease owner for the sender, scheduler and inbox. */
  owner?: string;
  /** How long a card callback may run before it answers "processing" (default 2.5 s). */
  callbackBudgetMs?: number;
  /** Start the every-minute scheduler tick (default true). */
  runScheduler?: boolean;
}

/** A running bot: the HTTP app, its parts, and its lifecycle. */
export interface Bot {
  dispatcher: Dispatcher;
  sender: Sender;
  scheduler: Scheduler;
  /** Task reminders: call `sync(taskId)` after a task is created, edited, cancelled or closed. */
  reminders: TaskReminders;
  services: BotServices;
  commands: CommandRegistry;
  /** The listening HTTP server (webhook mode), once started. */
  server?: Server;
  /** The port the server listens on, once started. */
  port(): number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Pending connections the webhook server queues (the kernel caps it at net.core.somaxconn). */
const LISTEN_BACKLOG = 2048;

/** Builds every part of the bot around an already connected database. */
export function createBot(opts: BotOptions): Bot {
  const { config } = opts;
  const log = opts.log ?? createLogger(config.logLevel);
  configureSealing(config.appSecret);
  setTaskListenerErrorReporter((err, change) =>
    log.error({ err, taskId: change.task.id, kind: change.kind }, 'task listener failed'),
  );
  const clock = opts.clock ?? systemClock;
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const client = opts.larkClient ?? createLarkClient(config, { log });
  const sender = new Sender({ client, clock, log: log.child({ component: 'sender' }), owner });
  const messenger = createOutboxMessenger(clock, { log: log.child({ component: 'messenger' }) });
  const calendars = createCalendarService({
    settings: () => loadSettings({ timezone: config.timezone }),
    log,
  });
  const services: BotServices = {
    messenger,
    access: createOrgAccessPolicy(config.bootstrapAdmins),
    directory: createDirectory({ client, clock, log, bootstrapAdmins: config.bootstrapAdmins }),
    clock,
    timezone: config.timezone,
    settings: () => loadSettings({ timezone: config.timezone }),
    calendar: () => calendars.calendar(),
  };
  const commands = new CommandRegistry();
  const actions = new ActionRegistry();
  registerCommands(commands, actions);
  registerPledges(commands, actions, client);
  const dispatcher = new Dispatcher({
    log,
    services,
    commands,
    actions,
    events: eventHandlers,
    files: [
      createTaskImportFileHandler(client),
      createMemberImportFileHandler(client),
      createPledgeFileHandler(client),
      createContentImportFileHandler(client),
    ],
    owner,
    callbackBudgetMs: opts.callbackBudgetMs,
  });
  const scheduler = new Scheduler({ owner, clock, log });
  registerPolls(commands, actions, { client, scheduler, messenger, settings: services.settings });
  registerJobCleanup(scheduler, { tz: config.timezone });
  const reminders = registerTaskReminderJobs(scheduler, {
    messenger,
    settings: services.settings,
    calendar: services.calendar,
    clock,
  });
  const stopListening = listenForTaskChanges(reminders);
  registerBroadcastJobs(scheduler, {
    messenger,
    settings: services.settings,
    calendar: services.calendar,
    client,
    tz: config.timezone,
  });
  registerDigestJobs(scheduler, {
    messenger,
    settings: services.settings,
    bootstrapAdmins: config.bootstrapAdmins,
  });
  registerWarningJobs(scheduler, {
    messenger,
    settings: services.settings,
    bootstrapAdmins: config.bootstrapAdmins,
  });
  const stopPledgeDepartments = listenForPledgeDepartments(services, log);
  const stopPledges = registerPledgeJobs(scheduler, {
    messenger,
    settings: services.settings,
    calendar: services.calendar,
    clock,
  });
  scheduler.registerRecurring({
    name: 'maintenance.prune-inbox',
    cron: '17 3 * * *',
    tz: config.timezone,
    handler: async (_job, ctx) => {
      const removed = await pruneInbox(new Date(ctx.now.getTime() - 7 * DAY_MS));
      ctx.log.info({ removed }, 'pruned old inbox events');
    },
  });

  let server: Server | undefined;
  let longConnection: { close(): void } | undefined;
  let recovery: NodeJS.Timeout | undefined;

  return {
    dispatcher,
    sender,
    scheduler,
    reminders,
    services,
    commands,
    get server() {
      return server;
    },
    port: () => (server?.address() as AddressInfo | null)?.port ?? 0,
    async start() {
      sender.start();
      if (opts.runScheduler !== false) scheduler.start();
      await dispatcher.recoverStranded();
      recovery = setInterval(() => void dispatcher.recoverStranded().catch(() => {}), 30_000);
      recovery.unref();
      if (config.mode === 'ws') {
        longConnection = startLongConnection(config, dispatcher, log);
        return;
      }
      const app = createHttpApp({
        secrets: { encryptKey: config.encryptKey, verificationToken: config.verificationToken },
        dispatcher,
        clock,
        log,
        healthCheck: pingDatabase,
      });
      await new Promise<void>((done) => {
        // A poll in a big group brings a thousand presses at once: the default backlog (511)
        // would refuse connections beyond it while the event loop is busy.
        server = app.listen({ port: config.port, host: '0.0.0.0', backlog: LISTEN_BACKLOG }, () => done());
      });
      log.info({ port: (server!.address() as AddressInfo).port }, 'listening');
    },
    async stop() {
      clearInterval(recovery);
      longConnection?.close();
      if (server) {
        const closing = new Promise<void>((done) => server!.close(() => done()));
        server.closeIdleConnections();
        await closing;
      }
      await dispatcher.idle();
      stopListening();
      stopPledges();
      stopPledgeDepartments();
      await scheduler.stop();
      await sender.stop();
      // Whatever the batchers still hold is written before the connection closes.
      await drainBatchers();
    },
  };
}
