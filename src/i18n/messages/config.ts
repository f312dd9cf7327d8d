/** User-facing strings of the config features (zh-CN first, en-US second). Placeholders are {name}. */
export const configMessages = {} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
