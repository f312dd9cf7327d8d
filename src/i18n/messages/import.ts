/** User-facing strings of the import features (zh-CN first, en-US second). Placeholders are {name}. */
export const importMessages = {} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
