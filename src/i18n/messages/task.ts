/** User-facing strings of the task features (zh-CN first, en-US second). Placeholders are {name}. */
export const taskMessages = {} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
