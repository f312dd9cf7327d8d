/**
 * The clean-culture library: `/content add` (form), `/content list [标签]`, `/content show`,
 * `/content edit`, `/content remove`, and `/content import` (content-import.ts).
 */
import { buildContentCard, buildContentForm, buildContentListCard } from '../../cards/content-cards.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { EventContext } from '../dispatch/context.js';
import { recordAudit } from '../domain/audit.js';
import {
  CATEGORY_NAMES,
  CONTENT_ID,
  type ContentInput,
  checkContentInput,
  getContentItem,
  listContentItems,
  removeContentItem,
  splitTags,
  updateContentItem,
} from '../domain/content-items.js';
import { ensureStarterLibrary } from '../domain/content-starter.js';
import { registerContentActions } from './content-actions.js';
import { registerContentImport } from './content-import.js';
import { CONTENT_EDITORS, contentProblemText } from './content-text.js';
import { argsFrom, noArgs } from './org-args.js';
import type { CommandRegistry } from './registry.js';

const idArgs = argsFrom((input) => {
  const [id, ...rest] = input.words;
  if (!id || !CONTENT_ID.test(id) || rest.length > 0) return '';
  return { id: id.toUpperCase() };
});

/** Field names of `/content edit`, as typed. */
const EDIT_FIELDS: Record<string, keyof ContentInput> = {
  标题: 'title',
  title: 'title',
  正文: 'body',
  body: 'body',
  分类: 'category',
  category: 'category',
  标签: 'tags',
  tags: 'tags',
  来源: 'source',
  source: 'source',
  必学: 'required',
  required: 'required',
  图片: 'imageKey',
  image: 'imageKey',
};

const editArgs = argsFrom((input) => {
  const [id, field, ...rest] = input.words;
  if (!id || !CONTENT_ID.test(id) || !field) return '';
  const key = EDIT_FIELDS[field.toLowerCase()];
  if (!key) return 'i18n:content.edit.fieldUnknown';
  return { id: id.toUpperCase(), key, value: rest.join(' ') };
});

async function editItem(
  ctx: EventContext,
  args: { id: string; key: keyof ContentInput; value: string },
): Promise<void> {
  const { t } = ctx;
  const before = await getContentItem(args.id);
  if (!before || before.removed) return ctx.reply.text(t('content.err.notFound', { id: args.id }));
  let change: Partial<ContentInput>;
  if (args.key === 'category') {
    const category = CATEGORY_NAMES[args.value.trim().toLowerCase()];
    if (!category) return ctx.reply.text(t('content.problem.category', { value: args.value }));
    change = { category };
  } else if (args.key === 'tags') change = { tags: splitTags(args.value) };
  else if (args.key === 'required')
    change = { required: ['是', 'yes', 'true', '必学', '1'].includes(args.value.trim().toLowerCase()) };
  else change = { [args.key]: args.value.trim() };
  const { id: _id, removed: _removed, ...current } = before;
  const problem = checkContentInput({ ...current, ...change });
  if (problem) return ctx.reply.text(contentProblemText(t, problem));
  await updateContentItem(before.id, change, ctx.now());
  await recordAudit(
    {
      actor: ctx.actor.openId,
      action: 'content.edit',
      outcome: 'ok',
      target: before.id,
      before: { [args.key]: before[args.key] },
      after: change,
      eventId: ctx.eventId,
    },
    ctx.now(),
  );
  await ctx.reply.text(t('content.edited', { id: before.id, field: t(`content.field.${args.key}`) }));
}

/** Registers `/content …` and its form action. */
export function register(registry: CommandRegistry, actions: ActionRegistry): void {
  registry.add({
    path: ['content', 'add'],
    aliases: ['内容 添加', '内容 新增', '添加内容', '新增内容'],
    summary: 'content.add.summary',
    usage: 'content.add.usage',
    roles: CONTENT_EDITORS,
    args: noArgs,
    async run(ctx) {
      await ctx.reply.card(buildContentForm(ctx.t));
    },
  });

  registry.add({
    path: ['content', 'list'],
    aliases: ['内容 列表', '内容列表', '学习内容', '学习 内容'],
    summary: 'content.list.summary',
    usage: 'content.list.usage',
    example: 'content.list.example',
    roles: 'everyone',
    args: argsFrom((input) => (input.words.length > 1 ? '' : { tag: input.words[0]?.replace(/^#/, '') })),
    async run(ctx, { tag }) {
      await ensureStarterLibrary(ctx.now());
      const items = await listContentItems(tag);
      const heading = tag
        ? ctx.t('content.list.titleTag', { tag, count: items.length })
        : ctx.t('content.list.title', { count: items.length });
      await ctx.reply.card(buildContentListCard(ctx.t, heading, items));
    },
  });

  registry.add({
    path: ['content', 'show'],
    aliases: ['内容 查看', '内容 详情', '查看内容'],
    summary: 'content.show.summary',
    usage: 'content.show.usage',
    roles: 'everyone',
    args: idArgs,
    async run(ctx, { id }) {
      await ensureStarterLibrary(ctx.now());
      const item = await getContentItem(id);
      if (!item || item.removed) return ctx.reply.text(ctx.t('content.err.notFound', { id }));
      const manager = ctx.actor.roles.some((r) => CONTENT_EDITORS.includes(r));
      await ctx.reply.card(buildContentCard(ctx.t, item, manager));
    },
  });

  registry.add({
    path: ['content', 'edit'],
    aliases: ['内容 修改', '内容 编辑', '修改内容'],
    summary: 'content.edit.summary',
    usage: 'content.edit.usage',
    example: 'content.edit.example',
    roles: CONTENT_EDITORS,
    args: editArgs,
    run: editItem,
  });

  registry.add({
    path: ['content', 'remove'],
    aliases: ['内容 删除', '删除内容'],
    summary: 'content.remove.summary',
    usage: 'content.remove.usage',
    roles: CONTENT_EDITORS,
    args: idArgs,
    async run(ctx, { id }) {
      await ensureStarterLibrary(ctx.now());
      const item = await getContentItem(id);
      if (!item || !(await removeContentItem(id, ctx.now())))
        return ctx.reply.text(ctx.t('content.err.notFound', { id }));
      await recordAudit(
        {
          actor: ctx.actor.openId,
          action: 'content.remove',
          outcome: 'ok',
          target: id,
          before: { title: item.title },
          eventId: ctx.eventId,
        },
        ctx.now(),
      );
      await ctx.reply.text(ctx.t('content.removed', { id, title: item.title }));
    },
  });

  registerContentImport(registry);
  registerContentActions(actions);
}
