import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const nonEmpty = (what: string) =>
  z
    .string({ error: `required: ${what}` })
    .trim()
    .min(1, `required: ${what}`);

const envSchema = z.object({
  LARK_APP_ID: nonEmpty('the app ID from the developer console, e.g. cli_a1b2c3d4e5f6'),
  LARK_APP_SECRET: nonEmpty('the app secret from the developer console'),
  LARK_ENCRYPT_KEY: nonEmpty('the Encrypt Key set under Events & Callbacks → Encryption strategy'),
  LARK_VERIFICATION_TOKEN: nonEmpty('the Verification Token set under Events & Callbacks'),
  LARK_DOMAIN: z
    .string()
    .trim()
    .default('feishu')
    .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s/]+(:\d+)?$/.test(v), {
      message:
        'expected "feishu", "lark" or a base URL without a trailing slash such as http://127.0.0.1:9000',
    }),
  LARK_MODE: z.enum(['webhook', 'ws'], { error: 'expected "webhook" or "ws"' }).default('webhook'),
  MONGODB_URI: nonEmpty('a mongodb:// or mongodb+srv:// connection string').refine(
    (v) => /^mongodb(\+srv)?:\/\//.test(v),
    { message: 'expected a mongodb:// or mongodb+srv:// connection string' },
  ),
  PORT: z.coerce
    .number({ error: 'expected a port number 1–65535' })
    .int('expected a port number 1–65535')
    .min(0, 'expected a port number 1–65535')
    .max(65535, 'expected a port number 1–65535')
    .default(3000),
  BOT_TIMEZONE: z
    .string()
    .trim()
    .default('Asia/Shanghai')
    .refine(isValidTimeZone, { message: 'expected an IANA time zone such as Asia/Shanghai' }),
  BOT_ADMINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every((id) => /^ou_[A-Za-z0-9_-]+$/.test(id)), {
      message: 'expected comma-separated open_ids, each starting with ou_',
    }),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

/** The validated configuration the whole process runs on. */
export interface Config {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  /** "feishu", "lark" or a base URL (emulator). */
  domain: string;
  mode: 'webhook' | 'ws';
  mongodbUri: string;
  port: number;
  timezone: string;
  bootstrapAdmins: string[];
  logLevel: (typeof LOG_LEVELS)[number];
}

/** The outcome of reading the environment: a config, or every problem found. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Validates an environment (process.env or a test's object) into a {@link Config}. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      return `${name}: ${issue.message}`;
    });
    return { ok: false, errors };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      appId: e.LARK_APP_ID,
      appSecret: e.LARK_APP_SECRET,
      encryptKey: e.LARK_ENCRYPT_KEY,
      verificationToken: e.LARK_VERIFICATION_TOKEN,
      domain: e.LARK_DOMAIN,
      mode: e.LARK_MODE,
      mongodbUri: e.MONGODB_URI,
      port: e.PORT,
      timezone: e.BOT_TIMEZONE,
      bootstrapAdmins: e.BOT_ADMINS,
      logLevel: e.LOG_LEVEL,
    },
  };
}

/** Formats the problems for stderr, in Chinese and English. */
export function formatConfigErrors(errors: string[]): string {
  return [
    '配置有误，程序无法启动。请检查以下环境变量（参见 .env.example）：',
    'Invalid configuration; fix these environment variables (see .env.example):',
    ...errors.map((e) => `  - ${e}`),
  ].join('\n');
}
