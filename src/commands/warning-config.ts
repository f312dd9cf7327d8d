/**
 * `/warning config` (预警阈值): shows the early-warning thresholds in force (admins, leaders,
 * supervisors); admins set them (`满意度下降=8 逾期任务=5 签署率=85 评分=65`) or reset them
 * (`恢复默认`). Bad input and refusals change nothing and are audited like the changes.
 */
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import {
  hasStoredThresholds,
  loadWarningThresholds,
  readThresholdWords,
  resetWarningThresholds,
  saveWarningThresholds,
  THRESHOLD_LIMITS,
  thresholdName,
} from '../domain/warnings-config.js';
import { DEFAULT_WARNING_THRESHOLDS, type WarningThresholds } from '../domain/warnings-rules.js';
import type { Translate } from '../i18n/index.js';
import { argsFrom } from './org-args.js';
import type { CommandRegistry } from './registry.js';

const KEYS = Object.keys(THRESHOLD_LIMITS) as (keyof WarningThresholds)[];
const sameThresholds = (a: WarningThresholds, b: WarningThresholds) => KEYS.every((k) => a[k] === b[k]);

/** One line per threshold: `· 逾期任务=3：逾期未销号任务超过 3 项时预警`. */
function describeThresholds(t: Translate, th: WarningThresholds): string {
  return KEYS.map((key) =>
    t('warning.config.line', {
      name: thresholdName(key),
      value: th[key],
      meaning: t(`warning.config.meaning.${key}`, { value: th[key] }),
    }),
  ).join('\n');
}

function rangeText(t: Translate, key: keyof WarningThresholds): string {
  const { min, max, integer } = THRESHOLD_LIMITS[key];
  return t(integer ? 'warning.config.range.integer' : 'warning.config.range.number', { min, max });
}

async function audit(
  ctx: EventContext,
  outcome: 'ok' | 'refused',
  fields: { before?: unknown; after?: unknown; detail?: string },
): Promise<void> {
  await recordAudit(
    { actor: ctx.actor.openId, action: 'warning.config', outcome, eventId: ctx.eventId, ...fields },
    ctx.now(),
  );
}

async function show(ctx: EventContext, current: WarningThresholds): Promise<void> {
  const { t } = ctx;
  const stored = await hasStoredThresholds();
  const admin = ctx.actor.roles.includes('admin');
  await ctx.reply.text(
    [
      t('warning.config.current', {
        source: t(stored ? 'warning.config.source.custom' : 'warning.config.source.default'),
      }),
      describeThresholds(t, current),
      t(admin ? 'warning.config.hint' : 'warning.config.viewOnly'),
    ].join('\n'),
  );
}

async function configure(ctx: EventContext, words: string[]): Promise<void> {
  const { t } = ctx;
  const current = await loadWarningThresholds();
  if (words.length === 0) return show(ctx, current);
  const typed = words.join(' ').slice(0, 100);
  if (!ctx.actor.roles.includes('admin')) {
    ctx.log.warn({ command: '/warning config', actor: ctx.actor.openId }, 'command refused: role');
    await audit(ctx, 'refused', { detail: `role: ${typed}` });
    return ctx.reply.text(t('warning.config.err.role'));
  }
  const read = readThresholdWords(words, current);
  if (read.kind === 'badName' || read.kind === 'badValue') {
    await audit(ctx, 'refused', { detail: typed });
    if (read.kind === 'badName')
      return ctx.reply.text(
        t('warning.config.err.name', {
          input: read.word,
          names: KEYS.map(thresholdName).join('、'),
          example: t('warning.config.example'),
        }),
      );
    return ctx.reply.text(
      t('warning.config.err.value', {
        input: read.word,
        name: thresholdName(read.key),
        range: rangeText(t, read.key),
        example: t('warning.config.example'),
      }),
    );
  }
  if (read.kind === 'reset') {
    if (!(await hasStoredThresholds()))
      return ctx.reply.text(t('warning.config.alreadyDefault', { lines: describeThresholds(t, current) }));
    await resetWarningThresholds();
    await audit(ctx, 'ok', { before: current, after: DEFAULT_WARNING_THRESHOLDS, detail: 'reset' });
    return ctx.reply.text(
      t('warning.config.resetDone', { lines: describeThresholds(t, DEFAULT_WARNING_THRESHOLDS) }),
    );
  }
  if (sameThresholds(read.next, current))
    return ctx.reply.text(t('warning.config.unchanged', { lines: describeThresholds(t, current) }));
  await saveWarningThresholds(read.next, ctx.actor.openId, ctx.now());
  await audit(ctx, 'ok', { before: current, after: read.next });
  await ctx.reply.text(t('warning.config.saved', { lines: describeThresholds(t, read.next) }));
}

/** Adds /warning config. */
export function register(registry: CommandRegistry): void {
  registry.add({
    path: ['warning', 'config'],
    aliases: ['预警 配置', '预警 阈值', '预警配置', '预警阈值'],
    summary: 'warning.config.summary',
    usage: 'warning.config.usage',
    example: 'warning.config.example',
    roles: ['admin', 'leader', 'supervisor'],
    args: argsFrom((input) => (input.mentions.length > 0 ? '' : input.words)),
    run: configure,
  });
}
