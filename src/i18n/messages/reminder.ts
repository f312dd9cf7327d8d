/** User-facing strings of the reminder features (zh-CN first, en-US second). Placeholders are {name}. */
export const reminderMessages = {} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
