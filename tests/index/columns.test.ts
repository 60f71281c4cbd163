import { describe, expect, it } from 'vitest';
import { ContainerError, decodeTable, encodeTable, groupRows, narrow, rowsOf } from '../../src/index/columns.js';

describe('groupRows', () => {
  it.each([
    ['keys in order', [0, 0, 1, 2, 2], 3, [[0, 1], [2], [3, 4]]],
    ['keys out of order keep row order within a group', [2, 0, 2, 1, 0], 3, [[1, 4], [3], [0, 2]]],
    ['an empty group', [0, 2], 3, [[0], [], [1]]],
    ['no rows', [], 2, [[], []]],
  ])('%s', (_name, keys, groups, expected) => {
    const g = groupRows(Uint32Array.from(keys), groups);
    expect(Array.from({ length: groups }, (_, k) => [...rowsOf(g, k)])).toEqual(expected);
    expect([...rowsOf(g, groups)]).toEqual([]);
    expect([...rowsOf(g, -1)]).toEqual([]);
  });
});

describe('narrow', () => {
  it.each([
    [[0, 255], Uint8Array],
    [[0, 256], Uint16Array],
    [[65535], Uint16Array],
    [[65536], Uint32Array],
  ])('%j -> %o', (values, ctor) => {
    const c = narrow(values);
    expect(c).toBeInstanceOf(ctor);
    expect([...c]).toEqual(values);
  });
});

describe('encodeTable / decodeTable', () => {
  const table = { kind: 'demo', columns: { a: Uint8Array.from([1, 2, 3]), b: Float64Array.from([0.5, -1]), c: Uint32Array.from([7]) }, tables: { names: ['', 'x'] }, meta: { count: 3 } };

  it('round-trips columns, string tables and metadata', () => {
    const back = decodeTable(encodeTable(table), 'demo');
    expect([...back.columns.a!]).toEqual([1, 2, 3]);
    expect([...back.columns.b!]).toEqual([0.5, -1]);
    expect([...back.columns.c!]).toEqual([7]);
    expect(back.tables).toEqual(table.tables);
    expect(back.meta).toEqual(table.meta);
  });

  it.each([
    ['another kind', (b: Buffer) => b, 'other'],
    ['not a container', () => Buffer.from('{"json": true}'), 'demo'],
    ['cut in its columns', (b: Buffer) => b.subarray(0, b.length - 8), 'demo'],
    ['cut in its header', (b: Buffer) => b.subarray(0, 12), 'demo'],
  ])('%s is a ContainerError', (_name, damage, kind) => {
    expect(() => decodeTable(damage(encodeTable(table)), kind)).toThrow(ContainerError);
  });
});
