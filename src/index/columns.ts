/**
 * The binary container of the index's tables: typed-array columns laid out back to back, so a load is
 * a file read and a few views (no parse, nothing copied), plus a small JSON header that names the
 * columns, holds the string tables columns point into, and any scalar metadata.
 *
 *   "RBX1" | u32 header bytes | header JSON (UTF-8) | padding to 8 | columns, each aligned to 8
 */

export type ColumnType = 'f64' | 'u32' | 'i32' | 'u16' | 'u8';
export type Column = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;

const MAGIC = 'RBX1';
const CTORS = { f64: Float64Array, u32: Uint32Array, i32: Int32Array, u16: Uint16Array, u8: Uint8Array } as const;

function typeOf(c: Column): ColumnType {
  if (c instanceof Float64Array) return 'f64';
  if (c instanceof Uint32Array) return 'u32';
  if (c instanceof Int32Array) return 'i32';
  if (c instanceof Uint16Array) return 'u16';
  return 'u8';
}

interface ColumnHeader {
  name: string;
  type: ColumnType;
  offset: number;
  length: number;
}

interface Header {
  kind: string;
  columns: ColumnHeader[];
  tables: Record<string, string[]>;
  meta: Record<string, unknown>;
}

export interface Table {
  kind: string;
  columns: Record<string, Column>;
  tables: Record<string, string[]>;
  meta: Record<string, unknown>;
}

/** A file that is not a well-formed container of the expected kind (the loader names the file and the fix). */
export class ContainerError extends Error {}

const align8 = (n: number): number => (n + 7) & ~7;

export function encodeTable(t: Table): Buffer {
  let offset = 0;
  const cols: ColumnHeader[] = [];
  for (const [name, c] of Object.entries(t.columns)) {
    cols.push({ name, type: typeOf(c), offset, length: c.length });
    offset = align8(offset + c.byteLength);
  }
  const header: Header = { kind: t.kind, columns: cols, tables: t.tables, meta: t.meta };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align8(8 + headerBytes.length);
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  Object.values(t.columns).forEach((c, i) => {
    const at = start + cols[i]!.offset;
    out.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), at);
  });
  return out;
}

/** Views over `bytes` (copied once into an aligned buffer when the read one is not 8-aligned). */
export function decodeTable(bytes: Uint8Array, kind: string): Table {
  if (bytes.length < 8 || Buffer.from(bytes.buffer, bytes.byteOffset, 4).toString('latin1') !== MAGIC) throw new ContainerError('not a regionbot table');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new ContainerError('truncated header');
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, headerLength).toString('utf8')) as Header;
  } catch {
    throw new ContainerError('unreadable header');
  }
  if (header.kind !== kind || !Array.isArray(header.columns) || typeof header.tables !== 'object' || header.tables === null) throw new ContainerError(`expected a ${kind} table`);
  for (const t of Object.values(header.tables)) if (!Array.isArray(t) || !t.every((s) => typeof s === 'string')) throw new ContainerError('bad string table');
  const start = align8(8 + headerLength);
  let base = bytes;
  if ((bytes.byteOffset + start) % 8 !== 0) base = new Uint8Array(bytes);
  const columns: Record<string, Column> = {};
  for (const c of header.columns) {
    const Ctor = CTORS[c.type];
    if (!Ctor || !Number.isInteger(c.offset) || !Number.isInteger(c.length) || c.offset < 0 || c.length < 0) throw new ContainerError(`bad column ${String(c.name)}`);
    const end = start + c.offset + c.length * Ctor.BYTES_PER_ELEMENT;
    if (end > base.length) throw new ContainerError(`column ${c.name} is truncated`);
    columns[c.name] = new Ctor(base.buffer as ArrayBuffer, base.byteOffset + start + c.offset, c.length);
  }
  return { kind, columns, tables: header.tables, meta: header.meta ?? {} };
}

/** A column by name and type, of `length` rows, or a ContainerError. */
export function column<T extends ColumnType>(t: Table, name: string, type: T, length?: number): InstanceType<(typeof CTORS)[T]> {
  const c = t.columns[name];
  if (!c || typeOf(c) !== type) throw new ContainerError(`missing column ${name}`);
  if (length !== undefined && c.length !== length) throw new ContainerError(`column ${name} has ${c.length} rows, not ${length}`);
  return c as InstanceType<(typeof CTORS)[T]>;
}

export type UintColumn = Uint8Array | Uint16Array | Uint32Array;

/** An unsigned column of whatever width it was stored with (see `narrow`). */
export function uintColumn(t: Table, name: string, length?: number): UintColumn {
  const c = t.columns[name];
  if (!c || !(c instanceof Uint8Array || c instanceof Uint16Array || c instanceof Uint32Array)) throw new ContainerError(`missing column ${name}`);
  if (length !== undefined && c.length !== length) throw new ContainerError(`column ${name} has ${c.length} rows, not ${length}`);
  return c;
}

/** The narrowest unsigned column that holds these values (most index columns are small numbers). */
export function narrow(values: ArrayLike<number>): UintColumn {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max < 256 ? Uint8Array.from(values) : max < 65536 ? Uint16Array.from(values) : Uint32Array.from(values);
}

/**
 * Checks a loader may run later, a few at a time (a 100k-chunk index has millions of values to
 * check; run at once they would hold a bot's event loop for tens of milliseconds).
 */
export type DeferredChecks = (() => void)[];

/** Run `check` now, or add it to `later` when given. */
export function checkOrDefer(later: DeferredChecks | undefined, check: () => void): void {
  if (later) later.push(check);
  else check();
}

/** Every value of `c` is < `limit` (index columns into tables and other columns). */
export function checkBelow(c: Column, limit: number, name: string): void {
  for (let i = 0; i < c.length; i++) if (!(c[i]! < limit)) throw new ContainerError(`column ${name} points outside its table`);
}

/** Rows grouped by a key column (a counting sort): group g's rows are `rows[starts[g] .. starts[g+1])`, in row order. */
export interface Groups {
  starts: Uint32Array;
  rows: Uint32Array;
}

export function groupRows(keys: UintColumn, groups: number): Groups {
  const starts = new Uint32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) starts[keys[i]! + 1]!++;
  for (let g = 0; g < groups; g++) starts[g + 1] = starts[g + 1]! + starts[g]!;
  const fill = starts.slice(0, groups);
  const rows = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) rows[fill[keys[i]!]!++] = i;
  return { starts, rows };
}

/** The rows of group `g` (none for a group out of range). */
export function rowsOf(groups: Groups, g: number): Uint32Array {
  return groups.rows.subarray(groups.starts[g] ?? 0, groups.starts[g + 1] ?? 0);
}

/** Interns strings into a table; index 0 is reserved for "none". */
export class StringTable {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>();
  id(s: string | null | undefined): number {
    if (s === null || s === undefined) return 0;
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(s);
      this.ids.set(s, id);
    }
    return id;
  }
}
