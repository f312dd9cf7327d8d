/** User-facing strings of the config features (zh-CN first, en-US second). Placeholders are {name}. */
export const configMessages = {
  // /config show, /config set
  'config.show.summary': {
    'zh-CN': '查看当前配置（时区、免打扰、工作日历、语言）',
    'en-US': 'Show the settings (time zone, quiet hours, workdays, language)',
  },
  'config.show.usage': { 'zh-CN': '/config show', 'en-US': '/config show' },
  'config.set.summary': {
    'zh-CN': '修改配置；不带参数则打开配置表单',
    'en-US': 'Change a setting; without arguments, open the settings form',
  },
  'config.set.usage': {
    'zh-CN': '/config set 时区|免打扰|工作日|语言 <新值>',
    'en-US': '/config set timezone|quiet-hours|workdays|locale <value>',
  },
  'config.set.example': {
    'zh-CN': '/config set 免打扰 22:00-08:00、/config set 工作日 法定、/config set 语言 中文',
    'en-US': '/config set quiet-hours 22:00-08:00, /config set workdays mainland, /config set locale en-US',
  },
  'config.show.title': { 'zh-CN': '当前配置', 'en-US': 'Settings' },
  'config.show.hintAdmin': {
    'zh-CN': '修改：发送 /config set 时区|免打扰|工作日|语言 新值，或发送 /config set 打开表单。',
    'en-US':
      'To change: send /config set timezone|quiet-hours|workdays|locale <value>, or /config set for a form.',
  },
  'config.show.readOnly': {
    'zh-CN': '您可以查看配置；如需修改，请联系管理员。',
    'en-US': 'You can view the settings; please ask an admin to change them.',
  },
  'config.key.timezone': { 'zh-CN': '时区', 'en-US': 'Time zone' },
  'config.key.quietHours': { 'zh-CN': '免打扰时段', 'en-US': 'Quiet hours' },
  'config.key.workdays': { 'zh-CN': '工作日历', 'en-US': 'Workday calendar' },
  'config.key.locale': { 'zh-CN': '默认语言', 'en-US': 'Default language' },
  'config.quiet.off': { 'zh-CN': '关闭（随时发送）', 'en-US': 'Off (send any time)' },
  'config.quiet.offWord': { 'zh-CN': '关闭', 'en-US': 'off' },
  'config.quiet.noWindow': { 'zh-CN': '不限时段', 'en-US': 'No nightly window' },
  'config.quiet.window': { 'zh-CN': '{start}–{end}', 'en-US': '{start}–{end}' },
  'config.quiet.windowOvernight': { 'zh-CN': '{start}–次日 {end}', 'en-US': '{start}–{end} (next day)' },
  'config.quiet.workdaysOnly': { 'zh-CN': '，休息日全天免打扰', 'en-US': ', and all day on rest days' },
  'config.workdays.mainland': {
    'zh-CN': '法定节假日与调休',
    'en-US': 'Official holidays and make-up workdays (mainland China)',
  },
  'config.workdays.weekdays': { 'zh-CN': '周一至周五', 'en-US': 'Monday to Friday' },
  'config.locale.zh-CN': { 'zh-CN': '中文', 'en-US': 'Chinese (中文)' },
  'config.locale.en-US': { 'zh-CN': '英文（English）', 'en-US': 'English' },
  'config.source.default': { 'zh-CN': '默认值', 'en-US': 'Default' },
  'config.source.env': { 'zh-CN': '默认值（环境变量 BOT_TIMEZONE）', 'en-US': 'Default (BOT_TIMEZONE)' },
  'config.source.set': { 'zh-CN': '由 {who} 于 {at} 设置', 'en-US': 'Set by {who} on {at}' },
  'config.source.setUndated': { 'zh-CN': '由 {who} 设置', 'en-US': 'Set by {who}' },
  'config.source.someAdmin': { 'zh-CN': '管理员', 'en-US': 'an admin' },
  'config.changed': {
    'zh-CN': '已将{setting}由“{before}”改为“{after}”。',
    'en-US': '{setting} changed from "{before}" to "{after}".',
  },
  'config.unchanged': {
    'zh-CN': '{setting}已是“{value}”，无需修改。',
    'en-US': '{setting} is already "{value}"; nothing changed.',
  },
  'config.bad.key': {
    'zh-CN':
      '未识别要修改的项目，配置未修改。请写明：时区、免打扰、工作日 或 语言，例如：/config set 免打扰 22:00-08:00；只发送 /config set 可打开表单。',
    'en-US':
      'Setting not recognised; nothing changed. Name one of timezone, quiet-hours, workdays or locale, e.g. /config set quiet-hours 22:00-08:00; send /config set alone for a form.',
  },
  'config.bad.timezone': {
    'zh-CN': '无法识别该时区，配置未修改。请输入 IANA 时区名，例如：/config set 时区 Asia/Shanghai',
    'en-US':
      'Unknown time zone; nothing changed. Please type an IANA zone, e.g. /config set timezone Asia/Shanghai',
  },
  'config.bad.quietHours': {
    'zh-CN':
      '免打扰时段格式不对，配置未修改。请按“开始-结束”输入（24 小时制），例如：/config set 免打扰 22:00-08:00；末尾加“仅工作日”则休息日全天免打扰；输入“关闭”可取消免打扰。',
    'en-US':
      'Quiet hours not understood; nothing changed. Type start-end in 24-hour time, e.g. /config set quiet-hours 22:00-08:00; add "workdays-only" to stay quiet all day on rest days; type "off" to turn quiet hours off.',
  },
  'config.bad.workdays': {
    'zh-CN':
      '工作日历请选“法定”（按国家法定节假日和调休）或“周一至周五”，配置未修改。例如：/config set 工作日 法定',
    'en-US':
      'Please choose "mainland" (official holidays and make-up workdays) or "weekdays" (Monday to Friday); nothing changed. E.g. /config set workdays mainland',
  },
  'config.bad.locale': {
    'zh-CN': '语言请选“中文”或“English”，配置未修改。例如：/config set 语言 中文',
    'en-US':
      'Please choose "zh-CN" (Chinese) or "en-US" (English); nothing changed. E.g. /config set locale en-US',
  },
  'config.form.title': { 'zh-CN': '修改配置', 'en-US': 'Change settings' },
  'config.form.intro': {
    'zh-CN': '以下为当前配置，修改后点击“保存配置”。',
    'en-US': 'These are the current settings. Change them and click "Save".',
  },
  'config.form.quietPlaceholder': {
    'zh-CN': '例如 22:00-08:00，或填“关闭”',
    'en-US': 'e.g. 22:00-08:00, or "off"',
  },
  'config.form.quietDays': { 'zh-CN': '免打扰适用范围', 'en-US': 'Quiet hours apply' },
  'config.form.quietEveryday': { 'zh-CN': '每天按上述时段免打扰', 'en-US': 'Every day, in the hours above' },
  'config.form.quietWorkdaysOnly': {
    'zh-CN': '仅工作日发送（休息日全天免打扰）',
    'en-US': 'Send on workdays only (quiet all day on rest days)',
  },
  'config.form.submit': { 'zh-CN': '保存配置', 'en-US': 'Save' },
  'config.form.saved': { 'zh-CN': '已保存：{settings}', 'en-US': 'Saved: {settings}' },
  'config.form.noChange': { 'zh-CN': '配置没有变化。', 'en-US': 'Nothing changed.' },
  'config.form.savedBy': {
    'zh-CN': '已由 {who} 通过表单保存。',
    'en-US': 'Saved through the form by {who}.',
  },

  // /holiday
  'holiday.add.summary': {
    'zh-CN': '将某天设为休息日或工作日（覆盖法定日历）；不带参数则打开表单',
    'en-US':
      'Make a day a rest day or a workday (overrides the official calendar); without arguments, open a form',
  },
  'holiday.add.usage': {
    'zh-CN': '/holiday add <日期> [休|班] [备注]',
    'en-US': '/holiday add <date> [rest|work] [note]',
  },
  'holiday.add.example': {
    'zh-CN': '/holiday add 2026-12-31 休 年终盘点',
    'en-US': '/holiday add 2026-12-26 work Inspection day',
  },
  'holiday.remove.summary': {
    'zh-CN': '删除某天的自定义设置，恢复法定日历',
    'en-US': 'Remove a day override; the official calendar applies again',
  },
  'holiday.remove.usage': { 'zh-CN': '/holiday remove <日期>', 'en-US': '/holiday remove <date>' },
  'holiday.remove.example': { 'zh-CN': '/holiday remove 2026-12-31', 'en-US': '/holiday remove 2026-12-31' },
  'holiday.list.summary': {
    'zh-CN': '查看某年的节假日与自定义设置',
    'en-US': 'List a year’s holidays and day overrides',
  },
  'holiday.list.usage': { 'zh-CN': '/holiday list [年份]', 'en-US': '/holiday list [year]' },
  'holiday.bad.date': {
    'zh-CN': '日期格式不对，未做修改。请按“年-月-日”输入，例如：/holiday add 2026-12-31 休',
    'en-US': 'Date not understood; nothing changed. Type year-month-day, e.g. /holiday add 2026-12-31 rest',
  },
  'holiday.bad.removeDate': {
    'zh-CN': '日期格式不对，未做修改。请按“年-月-日”输入，例如：/holiday remove 2026-12-31',
    'en-US': 'Date not understood; nothing changed. Type year-month-day, e.g. /holiday remove 2026-12-31',
  },
  'holiday.bad.kind': {
    'zh-CN': '请在日期后写“休”（休息日）或“班”（工作日），未做修改。例如：/holiday add 2026-12-26 班 迎检',
    'en-US':
      'After the date, write "rest" or "work"; nothing changed. E.g. /holiday add 2026-12-26 work Inspection',
  },
  'holiday.bad.note': {
    'zh-CN': '备注最多 40 个字，未做修改。',
    'en-US': 'The note may have at most 40 characters; nothing changed.',
  },
  'holiday.bad.year': {
    'zh-CN': '年份请写 4 位数字，例如：/holiday list 2026',
    'en-US': 'Please write the year with 4 digits, e.g. /holiday list 2026',
  },
  'holiday.bad.formDate': { 'zh-CN': '请选择日期后再提交。', 'en-US': 'Please pick a date, then submit.' },
  'holiday.bad.formKind': {
    'zh-CN': '请选择“休息日”或“工作日”后再提交。',
    'en-US': 'Please choose rest day or workday, then submit.',
  },
  'holiday.kind.rest': { 'zh-CN': '休息日', 'en-US': 'a rest day' },
  'holiday.kind.work': { 'zh-CN': '工作日', 'en-US': 'a workday' },
  'holiday.state.rest': { 'zh-CN': '休息日', 'en-US': 'rest day' },
  'holiday.state.work': { 'zh-CN': '工作日', 'en-US': 'workday' },
  'holiday.state.official': { 'zh-CN': '{state}（{name}）', 'en-US': '{state} ({name})' },
  'holiday.state.override': { 'zh-CN': '{state}（自定义）', 'en-US': '{state} (override)' },
  'holiday.state.overrideNote': {
    'zh-CN': '{state}（自定义：{note}）',
    'en-US': '{state} (override: {note})',
  },
  'holiday.dayWithWeekday': { 'zh-CN': '{date}（{weekday}）', 'en-US': '{date} ({weekday})' },
  'holiday.added': {
    'zh-CN': '已将 {day}设为{kind}。调整前：{before}。',
    'en-US': '{day} is now {kind}. Before: {before}.',
  },
  'holiday.removed': {
    'zh-CN': '已删除 {day}的自定义设置，该日现为：{state}。',
    'en-US': 'The override of {day} is removed; the day is now: {state}.',
  },
  'holiday.notFound': {
    'zh-CN': '{day}没有自定义设置，无需删除。发送 /holiday list 可查看已有设置。',
    'en-US': '{day} has no override; nothing to remove. Send /holiday list to see the overrides.',
  },
  'holiday.list.title': { 'zh-CN': '{year} 年节假日', 'en-US': 'Holidays {year}' },
  'holiday.list.overrides': { 'zh-CN': '本单位自定义', 'en-US': 'Our overrides' },
  'holiday.list.noOverrides': { 'zh-CN': '暂无', 'en-US': 'None' },
  'holiday.list.override': { 'zh-CN': '{day} {kind}', 'en-US': '{day}: {kind}' },
  'holiday.list.overrideNote': { 'zh-CN': '{day} {kind} · {note}', 'en-US': '{day}: {kind} · {note}' },
  'holiday.list.official': { 'zh-CN': '法定节假日与调休', 'en-US': 'Official holidays and make-up workdays' },
  'holiday.list.noOfficial': {
    'zh-CN': '暂无该年度的法定节假日数据，按周一至周五计算。',
    'en-US': 'No official calendar for this year yet; Monday to Friday are workdays.',
  },
  'holiday.list.officialRest': {
    'zh-CN': '{name}：{range} 放假（{count} 天）',
    'en-US': '{name}: {range}, off ({count} days)',
  },
  'holiday.list.officialWork': {
    'zh-CN': '{day} 上班（{name}调休）',
    'en-US': '{day}: workday ({name} make-up)',
  },
  'holiday.list.modeMainland': {
    'zh-CN': '工作日历：法定节假日与调休，本单位自定义优先。',
    'en-US': 'Workday calendar: official holidays and make-up workdays; our overrides win.',
  },
  'holiday.list.modeWeekdays': {
    'zh-CN': '工作日历：周一至周五，本单位自定义优先（不使用法定日历）。',
    'en-US': 'Workday calendar: Monday to Friday; our overrides win (the official calendar is not used).',
  },
  'holiday.list.hintAdmin': {
    'zh-CN': '添加：/holiday add 2026-12-31 休；删除：/holiday remove 2026-12-31',
    'en-US': 'Add: /holiday add 2026-12-31 rest; remove: /holiday remove 2026-12-31',
  },
  'holiday.form.title': { 'zh-CN': '设置休息日/工作日', 'en-US': 'Set a rest day or workday' },
  'holiday.form.intro': {
    'zh-CN': '选择日期和类型，可填写备注。该设置优先于法定日历。',
    'en-US':
      'Pick a day and whether it is a rest day or a workday; a note is optional. It overrides the official calendar.',
  },
  'holiday.form.date': { 'zh-CN': '选择日期', 'en-US': 'Pick a date' },
  'holiday.form.kind': { 'zh-CN': '休息日或工作日', 'en-US': 'Rest day or workday' },
  'holiday.form.rest': { 'zh-CN': '休息日（休）', 'en-US': 'Rest day' },
  'holiday.form.work': { 'zh-CN': '工作日（班）', 'en-US': 'Workday' },
  'holiday.form.note': {
    'zh-CN': '备注（选填），例如：年终盘点',
    'en-US': 'Note (optional), e.g. Year-end stocktaking',
  },
  'holiday.form.submit': { 'zh-CN': '确认设置', 'en-US': 'Apply' },

  'weekday.0': { 'zh-CN': '周日', 'en-US': 'Sun' },
  'weekday.1': { 'zh-CN': '周一', 'en-US': 'Mon' },
  'weekday.2': { 'zh-CN': '周二', 'en-US': 'Tue' },
  'weekday.3': { 'zh-CN': '周三', 'en-US': 'Wed' },
  'weekday.4': { 'zh-CN': '周四', 'en-US': 'Thu' },
  'weekday.5': { 'zh-CN': '周五', 'en-US': 'Fri' },
  'weekday.6': { 'zh-CN': '周六', 'en-US': 'Sat' },

  // /lang
  'lang.summary': { 'zh-CN': '设置我与您交流的语言', 'en-US': 'Choose the language I use with you' },
  'lang.usage': { 'zh-CN': '/lang 中文|English|默认', 'en-US': '/lang 中文|English|default' },
  'lang.example': { 'zh-CN': '/lang English', 'en-US': '/lang 中文' },
  'lang.bad': {
    'zh-CN': '请选择语言：/lang 中文 或 /lang English；发送 /lang 默认 则跟随单位设置。',
    'en-US': 'Please choose: /lang English or /lang 中文; send /lang default to follow the agency setting.',
  },
  'lang.set': {
    'zh-CN': '好的，今后我将用中文回复您。',
    'en-US': 'OK, I will answer you in English from now on.',
  },
  'lang.reset': {
    'zh-CN': '好的，今后将使用单位默认语言（{language}）回复您。',
    'en-US': 'OK, I will use the agency’s default language ({language}) from now on.',
  },
  'lang.currentOwn': {
    'zh-CN': '您当前选择的语言：{language}。切换请发送 /lang English 或 /lang 默认。',
    'en-US': 'Your language: {language}. To change it, send /lang 中文 or /lang default.',
  },
  'lang.currentAgency': {
    'zh-CN': '当前使用单位默认语言：{language}。切换请发送 /lang English。',
    'en-US': 'I use the agency’s default language: {language}. To change it, send /lang 中文.',
  },
} as const satisfies Record<string, Record<'zh-CN' | 'en-US', string>>;
