import { describe, expect, it } from 'vitest';
import { configureSealing, keyedId, seal, unseal } from '../../src/domain/sealing.js';

describe('sealing under a key derived from the app secret', () => {
  it('round-trips, never repeats a ciphertext, and hides the length within the padding', () => {
    configureSealing('secret-one');
    const a = seal('{"o":["o1"],"c":null,"d":null}', 256);
    const b = seal('{"o":["o1"],"c":null,"d":null}', 256);
    const long = seal(`{"o":["o1","o2","o3","o4"],"c":"oc_${'x'.repeat(40)}","d":"D1"}`, 256);
    expect(a).not.toBe(b);
    expect(unseal(a)).toBe('{"o":["o1"],"c":null,"d":null}');
    expect(a.length).toBe(long.length);
    expect(unseal(seal('ou_中文 sender'))).toBe('ou_中文 sender');
  });

  it('another secret opens nothing and derives other ids; a tampered value is refused', () => {
    configureSealing('secret-one');
    const sealed = seal('ou_x');
    const id = keyedId('V1:ou_x');
    expect(keyedId('V1:ou_x')).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const [n, c, t] = sealed.split('.');
    const flipped = Buffer.from(c!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => unseal([n, flipped.toString('base64url'), t].join('.'))).toThrow();
    configureSealing('secret-two');
    expect(keyedId('V1:ou_x')).not.toBe(id);
    expect(() => unseal(sealed)).toThrow();
  });
});
