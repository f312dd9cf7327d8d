/** User-facing strings of the org features (zh-CN first, en-US second). Placeholders are {name}. */
export const orgMessages = {} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
