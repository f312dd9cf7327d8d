import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonModel } from '../../src/models/person.js';
import { ManualClock } from '../../src/time/clock.js';
import { type Harness, startHarness } from '../support/harness.js';
import { useTestDb } from '../support/test-db.js';

const USER = 'ou_contact_cache_user';

describe('contact data cache, end to end with a controlled clock', () => {
  useTestDb();
  const clock = new ManualClock('2026-12-01T01:00:00Z');
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ clock });
    h.emulator.addUser({ openId: USER, name: '周文' });
  });
  afterAll(async () => h?.stop());

  const lookups = () =>
    h.emulator.calls.filter((c) => c.operation === 'contact.user.get' && c.path.includes(USER)).length;

  const whoami = async () => {
    await h.emulator.sendText({ chatType: 'p2p', sender: USER, text: '/whoami' });
    await h.settle();
  };

  it('reads the contact API once a day and picks up a changed name', async () => {
    await whoami();
    expect(lookups()).toBe(1);
    expect((await PersonModel.findOne({ openId: USER }).lean())?.name).toBe('周文');

    clock.advance(23 * 3600_000);
    await whoami();
    expect(lookups()).toBe(1);

    h.emulator.world.users.get(USER)!.name = '周文华';
    clock.advance(2 * 3600_000);
    await whoami();
    expect(lookups()).toBe(2);
    expect((await PersonModel.findOne({ openId: USER }).lean())?.name).toBe('周文华');
  });
});
