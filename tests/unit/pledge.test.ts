import { describe, expect, it } from 'vitest';
import { buildPledgeCard, cardSize, splitText } from '../../cards/pledge-card.js';
import { buildPledgeEditForm, buildPledgeForm } from '../../cards/pledge-form-card.js';
import { buildPledgeProgressCard } from '../../cards/pledge-progress-card.js';
import { inSight, pledgeScopeOf } from '../../src/domain/pledge-scope.js';
import { namesMatch, type SignatureView, signerStatuses } from '../../src/domain/pledge-signatures.js';
import { hashText, MAX_PLEDGE_TEXT_CHARS } from '../../src/domain/pledges.js';
import { translator } from '../../src/i18n/index.js';
import { validateCard } from '../emulator/index.js';

const t = translator('zh-CN');
const base = {
  id: 'PK7Q3',
  title: '清廉履职承诺书',
  kindLabel: '承诺书',
  version: 1,
  hash: hashText('x'),
  deadline: '2026-12-04 18:00',
  creatorName: '王主任',
};

describe('sign-off documents: hashes, names, statuses', () => {
  it('hashes the exact text with SHA-256', () => {
    expect(hashText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashText('承诺书\n')).not.toBe(hashText('承诺书'));
  });

  it('matches typed names ignoring spaces, width and middle dots only', () => {
    expect(namesMatch('张伟', '张伟')).toBe(true);
    expect(namesMatch(' 张 伟 ', '张伟')).toBe(true);
    expect(namesMatch('阿卜杜·热合曼', '阿卜杜热合曼')).toBe(true);
    expect(namesMatch('Ｗａｎｇ Ｆａｎｇ', 'wang fang')).toBe(true);
    expect(namesMatch('张炜', '张伟')).toBe(false);
    expect(namesMatch('', '')).toBe(false);
  });

  it('counts a voided signature as not signed and an older version as old', () => {
    const sig = (signer: string, version: number, voided = false): SignatureView => ({
      id: `${signer}:${version}`,
      version,
      hash: 'h',
      signer,
      typedName: signer,
      at: new Date(),
      messageId: '',
      voided: voided ? { reason: 'r', by: 'admin', at: new Date() } : null,
    });
    const s = signerStatuses(
      { version: 2 },
      ['a', 'b', 'c', 'd'],
      [sig('a', 2), sig('b', 1), sig('c', 2, true), sig('x', 2)],
    );
    expect([...s.entries()].map(([k, v]) => `${k}:${v.status}`)).toEqual([
      'a:signed',
      'b:old',
      'c:pending',
      'd:pending',
    ]);
  });
});

describe('sign-off cards', () => {
  it('a text of the largest allowed size stays under 30 KB, in collapsible panels, in every mode', () => {
    const text = '严守纪律，廉洁从政。\n'.repeat(Math.floor(MAX_PLEDGE_TEXT_CHARS / 11));
    for (const mode of ['pending', 'form', 'signed', 'superseded'] as const) {
      const card = buildPledgeCard(t, {
        ...base,
        text,
        mode,
        signedAt: '2026-11-27 10:00',
        signedName: '张伟',
      });
      expect(validateCard(card)).toEqual([]);
      expect(cardSize(card)).toBeLessThan(30_000);
    }
    const pending = buildPledgeCard(t, { ...base, text, mode: 'pending' });
    const panels = pending.body.elements.filter((e) => e.tag === 'collapsible_panel');
    expect(panels.length).toBeGreaterThan(1);
  });

  it('even an over-long text is cut to a sendable card', () => {
    const card = buildPledgeCard(t, { ...base, text: '廉'.repeat(20_000), mode: 'pending' });
    expect(cardSize(card)).toBeLessThan(30_000);
    expect(JSON.stringify(card)).toContain('全文过长');
  });

  it('splits at line ends and keeps every character', () => {
    const text = Array.from({ length: 50 }, (_, i) => `第${i}条 ${'内容'.repeat(30)}`).join('\n');
    const parts = splitText(text, 500);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => p.length <= 500)).toBe(true);
    expect(parts.slice(0, -1).every((p) => p.endsWith('\n'))).toBe(true);
  });

  it('neutralises tags in the text (no <at id=all> from a document)', () => {
    const card = buildPledgeCard(t, { ...base, text: '<at id=all></at> 请签署', mode: 'pending' });
    expect(JSON.stringify(card)).not.toContain('<at id=all>');
  });

  it('the progress card lists pending people by department and stays small with a thousand of them', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `同事${i}`);
    const card = buildPledgeProgressCard(t, {
      ...base,
      overdue: true,
      leaderName: '陈书记',
      signed: 0,
      total: 1000,
      old: 3,
      pending: [{ department: '办公室', names }],
      updatedAt: '11-27 10:00',
      closed: false,
    });
    expect(validateCard(card)).toEqual([]);
    expect(cardSize(card)).toBeLessThan(30_000);
    expect(JSON.stringify(card)).toContain('等 960 人');
  });

  it('the forms pass the card rules', () => {
    const options = {
      departments: [{ value: 'd1', label: '办公室' }],
      chats: [{ value: 'oc_1', label: '办公室工作群' }],
    };
    expect(validateCard(buildPledgeForm(t, options))).toEqual([]);
    expect(
      validateCard(buildPledgeEditForm(t, { id: 'PK7Q3', title: '承诺书', version: 1, text: '正文' })),
    ).toEqual([]);
  });
});

describe('who sees which signers of a document', () => {
  const doc = { creator: 'ou_creator', leader: 'ou_boss' };
  const viewer = (
    openId: string,
    roles: Array<'admin' | 'leader' | 'supervisor' | 'member'>,
    leads: string[] = [],
  ) => ({
    openId,
    roles,
    leads,
  });

  it('admins, supervisors, the creator and the 督办领导 see everything; other leaders their departments; members nothing', () => {
    expect(pledgeScopeOf(viewer('ou_a', ['admin', 'member']), doc)).toEqual({ kind: 'all' });
    expect(pledgeScopeOf(viewer('ou_s', ['supervisor', 'member']), doc)).toEqual({ kind: 'all' });
    expect(pledgeScopeOf(viewer('ou_creator', ['leader', 'member'], ['d1']), doc)).toEqual({ kind: 'all' });
    expect(pledgeScopeOf(viewer('ou_boss', ['member']), doc)).toEqual({ kind: 'all' });
    expect(pledgeScopeOf(viewer('ou_l', ['leader', 'member'], ['d1', 'd1a']), doc)).toEqual({
      kind: 'departments',
      deptIds: ['d1', 'd1a'],
    });
    expect(pledgeScopeOf(viewer('ou_m', ['member']), doc)).toBeNull();
    expect(pledgeScopeOf(viewer('ou_m', ['member']), { creator: 'ou_c', leader: null })).toBeNull();
  });

  it('keeps only the signers in sight', () => {
    expect(inSight(['a', 'b', 'c'], undefined)).toEqual(['a', 'b', 'c']);
    expect(inSight(['a', 'b', 'c'], new Set(['c', 'a']))).toEqual(['a', 'c']);
  });
});
