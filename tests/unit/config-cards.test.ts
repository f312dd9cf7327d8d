import { describe, expect, it } from 'vitest';
import { buildConfigForm, buildConfigShowCard } from '../../cards/config-card.js';
import { buildHolidayDoneCard, buildHolidayForm, buildHolidayListCard } from '../../cards/holiday-card.js';
import { translator } from '../../src/i18n/index.js';
import { cardWarnings, renderCardText, validateCard } from '../emulator/index.js';

for (const locale of ['zh-CN', 'en-US'] as const) {
  const t = translator(locale);
  const cards = {
    show: buildConfigShowCard(
      t,
      [
        { name: t('config.key.timezone'), value: 'Asia/Shanghai', source: t('config.source.env') },
        {
          name: t('config.key.quietHours'),
          value: '22:00–08:00',
          source: t('config.source.set', { who: '<at id=ou_a></at>', at: '2026-11-26 15:00' }),
        },
      ],
      t('config.show.hintAdmin'),
    ),
    form: buildConfigForm(t, {
      timezone: 'Asia/Shanghai',
      timezones: [
        { value: 'Asia/Shanghai', label: 'Asia/Shanghai' },
        { value: 'UTC', label: 'UTC' },
      ],
      quietHours: '22:00-08:00',
      quietDays: 'everyday',
      workdays: 'mainland',
      locale,
    }),
    holidayForm: buildHolidayForm(t, '2026-11-26'),
    holidayList: buildHolidayListCard(
      t,
      2026,
      [t('holiday.list.overrideNote', { day: '2026-12-26', kind: t('holiday.kind.work'), note: '迎检' })],
      [t('holiday.list.officialRest', { name: 'National Day', range: '10-01 ~ 10-07', count: 7 })],
      t('holiday.list.hintAdmin'),
    ),
    holidayListWeekdays: buildHolidayListCard(t, 2026, [], null, t('holiday.list.modeWeekdays')),
    holidayDone: buildHolidayDoneCard(
      t,
      t('holiday.added', {
        day: '2026-12-31',
        kind: t('holiday.kind.rest'),
        before: t('holiday.state.work'),
      }),
    ),
  };

  describe(`config and holiday cards (${locale})`, () => {
    for (const [name, card] of Object.entries(cards)) {
      it(`${name} obeys the card JSON 2.0 rules`, () => {
        expect(validateCard(card)).toEqual([]);
        expect(cardWarnings(card)).toEqual([]);
      });
    }

    it('the forms carry their action names and render readably', () => {
      expect(JSON.stringify(cards.form)).toContain('"value":{"a":"config.set"}');
      expect(JSON.stringify(cards.holidayForm)).toContain('"value":{"a":"holiday.add"}');
      expect(renderCardText(cards.form)).toMatchSnapshot();
      expect(renderCardText(cards.holidayForm)).toMatchSnapshot();
      expect(renderCardText(cards.holidayList)).toMatchSnapshot();
    });
  });
}
