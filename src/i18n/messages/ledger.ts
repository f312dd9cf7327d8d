/** User-facing strings of the ledger features (zh-CN first, en-US second). Placeholders are {name}. */
export const ledgerMessages = {} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
