import { type Logger as PinoLogger, pino } from 'pino';

/** The structured JSON logger every module receives (child loggers carry event ids). */
export type Logger = PinoLogger;

/** Creates the root logger; JSON lines on stdout, level from LOG_LEVEL. */
export function createLogger(level = 'info', name = 'campaign-bot'): Logger {
  return pino({
    name,
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['*.appSecret', '*.encryptKey', '*.tenant_access_token', 'req.headers.authorization'] },
  });
}

/** A logger that writes nothing; for tests that do not inspect logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
