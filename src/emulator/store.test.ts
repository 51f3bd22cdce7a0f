import { describe, expect, it } from 'vitest';
import { liveResource } from './lifecycle.js';
import { childMap, keyedState, Store, type State } from './store.js';

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('Store', () => {
  it('gives every region its own empty partition, Object.prototype names included', () => {
    const store = new Store();
    for (const region of PROTOTYPE_NAMES) {
      const part = store.partition(region);
      expect(part.engines, region).toEqual({});
      expect(Object.keys(part.policies), region).toEqual([]);
      expect(store.partition(region), region).toBe(part);
    }
    expect(Object.keys(store.state.regions)).toEqual(PROTOTYPE_NAMES);
    expect(JSON.parse(JSON.stringify(store.state)).regions).toHaveProperty('__proto__');
  });

  it('finds no resource under an id that names a prototype member, in any map', () => {
    const part = new Store().partition('us-east-1');
    for (const id of PROTOTYPE_NAMES) {
      expect(liveResource(part.engines, id, 0), id).toBeUndefined();
      expect(liveResource(childMap(part.policies, id), id, 0), id).toBeUndefined();
      expect(part.tokens[id], id).toBeUndefined();
    }
  });

  it('keeps the regions and ids of a state read back from JSON as keys, not prototype members', () => {
    const life = { kind: 'create', startedAt: 0, readyAt: 0 };
    const text = `{"version":1,"seq":1,"regions":{"__proto__":{"engines":{"constructor":{"id":"constructor","seq":1,"life":${JSON.stringify(life)},"attrs":{}}},"policies":{},"gateways":{},"targets":{},"tokens":{}}}}`;
    const store = new Store(JSON.parse(text) as State);
    expect(liveResource(store.partition('__proto__').engines, 'constructor', 1)?.id).toBe('constructor');
    expect(store.partition('constructor').engines).toEqual({});
    expect(store.partition('__proto__').generations).toEqual({});
    expect(Object.getPrototypeOf(store.state.regions)).toBeNull();
    expect(JSON.parse(JSON.stringify(keyedState(store.state)))).toEqual(JSON.parse(JSON.stringify(store.state)));
  });
});
