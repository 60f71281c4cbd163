export interface Entry {
  kind: 'dist' | 'src';
  file: string;
  reason: string;
}
export function chooseEntry(root: string, env?: Record<string, string | undefined>): Entry;
