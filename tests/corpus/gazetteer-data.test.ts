import { describe, it, expect } from 'vitest';
import { AMBIGUOUS_NAMES, REGIONS } from '../../src/corpus/gazetteer-data.js';
import type { Region } from '../../src/corpus/types.js';

const byId = new Map<string, Region>(REGIONS.map((r) => [r.id, r]));

function get(id: string): Region {
  const r = byId.get(id);
  if (!r) throw new Error(`no region ${id}`);
  return r;
}

function norm(form: string): string {
  return form.trim().toLowerCase();
}

function formsOf(r: Region): string[] {
  return [...new Set([r.name, r.zh, ...r.aliases].map(norm))];
}

describe('gazetteer data: counts', () => {
  it('has the 34 province-level divisions', () => {
    const provinces = REGIONS.filter((r) => r.level === 'province');
    expect(provinces).toHaveLength(34);
    for (const id of ['beijing', 'shanghai', 'tianjin', 'chongqing', 'inner-mongolia', 'guangxi', 'tibet',
      'ningxia', 'xinjiang', 'hong-kong', 'macau', 'taiwan', 'shanxi', 'shaanxi', 'hainan']) {
      expect(get(id).level).toBe('province');
    }
  });

  it('has at least 290 prefecture-level cities', () => {
    expect(REGIONS.filter((r) => r.level === 'city').length).toBeGreaterThanOrEqual(290);
  });

  it('has the 293 prefecture-level cities (names ending in 市)', () => {
    const cities = REGIONS.filter((r) => r.level === 'city' && (r.zh.endsWith('市') || r.aliases.includes(`${r.zh}市`)));
    expect(cities).toHaveLength(293);
  });

  it('has the official number of prefecture-level cities in each province', () => {
    const expected: Record<string, number> = {
      hebei: 11, shanxi: 11, 'inner-mongolia': 9, liaoning: 14, jilin: 8, heilongjiang: 12, jiangsu: 13,
      zhejiang: 11, anhui: 16, fujian: 9, jiangxi: 11, shandong: 16, henan: 17, hubei: 12, hunan: 13,
      guangdong: 21, guangxi: 14, hainan: 4, sichuan: 18, guizhou: 6, yunnan: 8, tibet: 6, shaanxi: 10,
      gansu: 12, qinghai: 2, ningxia: 5, xinjiang: 4,
    };
    const actual: Record<string, number> = {};
    for (const r of REGIONS) {
      if (r.level === 'city' && (r.zh.endsWith('市') || r.aliases.includes(`${r.zh}市`))) {
        actual[r.parent ?? ''] = (actual[r.parent ?? ''] ?? 0) + 1;
      }
    }
    expect(actual).toEqual(expected);
  });

  it('has every province-level division but the municipalities, the SARs and Taiwan carrying cities', () => {
    const withCities = new Set(REGIONS.filter((r) => r.level === 'city').map((r) => r.parent));
    for (const p of REGIONS.filter((r) => r.level === 'province')) {
      const none = ['beijing', 'shanghai', 'tianjin', 'chongqing', 'hong-kong', 'macau', 'taiwan'].includes(p.id);
      expect(withCities.has(p.id), p.id).toBe(!none);
    }
  });

  it('has the notable county-level places', () => {
    for (const id of ['jiangyin', 'kunshan', 'changshu', 'zhangjiagang', 'taicang', 'yixing', 'yiwu', 'cixi',
      'yuyao', 'jinjiang', 'shishi', 'ruian', 'yueqing', 'wenling', 'zhuji', 'haining', 'tongxiang', 'yongkang',
      'danyang', 'liyang', 'rugao', 'haimen', 'hunchun', 'yanji', 'meihekou', 'gongzhuling', 'pudong', 'binhai',
      'liangjiang', 'xiongan', 'nanshan']) {
      expect(get(id).level, id).toBe('county');
    }
  });
});

describe('gazetteer data: well-formed', () => {
  it('has unique lowercase ASCII ids', () => {
    const ids = REGIONS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('has a name, a Chinese name and lowercase trimmed aliases for every region', () => {
    for (const r of REGIONS) {
      expect(r.name.trim(), r.id).toBe(r.name);
      expect(r.name.length, r.id).toBeGreaterThan(1);
      expect(r.zh, r.id).toMatch(/^[\u4e00-\u9fff]+$/);
      for (const a of r.aliases) {
        expect(a, r.id).toBe(a.trim().toLowerCase());
        expect(a.length, r.id).toBeGreaterThan(0);
      }
    }
  });

  it('has no alias that is a short or common English word', () => {
    const banned = new Set(['an', 'nan', 'da', 'ali', 'aba', 'jian', 'china', 'city', 'province', 'new']);
    for (const r of REGIONS) {
      for (const a of r.aliases) {
        expect(banned.has(a), `${r.id}: ${a}`).toBe(false);
        if (/^[a-z]/.test(a)) expect(a.length, `${r.id}: ${a}`).toBeGreaterThanOrEqual(4);
      }
    }
  });

  it('gives each province-level entry no parent, each city a province, each county a city or province', () => {
    for (const r of REGIONS) {
      if (r.level === 'province') {
        expect(r.parent, r.id).toBeNull();
        continue;
      }
      expect(r.parent, r.id).not.toBeNull();
      const parent = byId.get(r.parent ?? '');
      expect(parent, `${r.id} -> ${r.parent}`).toBeDefined();
      if (r.level === 'city') expect(parent?.level, r.id).toBe('province');
      else expect(['city', 'province'], r.id).toContain(parent?.level);
    }
  });

  it('never shares a form (name, Chinese name or alias) between two regions', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const r of REGIONS) {
      for (const f of formsOf(r)) {
        const other = owner.get(f);
        if (other && other !== r.id) clashes.push(`"${f}": ${other} / ${r.id}`);
        else owner.set(f, r.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('leaves the bare ambiguous names to no region, and lists real ids for them', () => {
    const all = new Set(REGIONS.flatMap(formsOf));
    for (const [name, ids] of Object.entries(AMBIGUOUS_NAMES)) {
      expect(all.has(name), name).toBe(false);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      for (const id of ids) expect(get(id).name.toLowerCase().startsWith(name), id).toBe(true);
    }
  });
});

describe('gazetteer data: known facts', () => {
  const formOwner = new Map<string, string>(REGIONS.flatMap((r) => formsOf(r).map((f) => [f, r.id] as const)));

  it('resolves bare "jilin" to the province and "jilin city" to the city', () => {
    expect(get('jilin')).toMatchObject({ name: 'Jilin', zh: '吉林', level: 'province', parent: null });
    expect(get('jilin-city')).toMatchObject({ level: 'city', parent: 'jilin' });
    expect(formOwner.get('jilin')).toBe('jilin');
    expect(formOwner.get('吉林')).toBe('jilin');
    expect(formOwner.get('jilin province')).toBe('jilin');
    expect(formOwner.get('吉林省')).toBe('jilin');
    expect(formOwner.get('jilin city')).toBe('jilin-city');
    expect(formOwner.get('吉林市')).toBe('jilin-city');
    expect(get('jilin-city').aliases).not.toContain('jilin');
  });

  it('puts Jiangyin in Wuxi, Jiangsu and Changchun in Jilin', () => {
    expect(get('jiangyin')).toMatchObject({ name: 'Jiangyin', zh: '江阴', level: 'county', parent: 'wuxi' });
    expect(get('wuxi')).toMatchObject({ level: 'city', parent: 'jiangsu' });
    expect(get('jiangsu')).toMatchObject({ level: 'province', parent: null });
    expect(get('changchun')).toMatchObject({ name: 'Changchun', zh: '长春', level: 'city', parent: 'jilin' });
    expect(get('changchun').aliases).toEqual(expect.arrayContaining(['changchun city', '长春市']));
  });

  it('places some well-known cities and counties correctly', () => {
    const cases: [string, string][] = [
      ['kunshan', 'suzhou'], ['suzhou', 'jiangsu'], ['suzhou-ah', 'anhui'], ['yiwu', 'jinhua'],
      ['jinhua', 'zhejiang'], ['wenling', 'taizhou-zj'], ['taizhou-zj', 'zhejiang'], ['taizhou-js', 'jiangsu'],
      ['hunchun', 'yanbian'], ['yanbian', 'jilin'], ['gongzhuling', 'changchun'], ['meihekou', 'tonghua'],
      ['pudong', 'shanghai'], ['binhai', 'tianjin'], ['liangjiang', 'chongqing'], ['xiongan', 'baoding'],
      ['nanshan', 'shenzhen'], ['shenzhen', 'guangdong'], ['jinjiang', 'quanzhou'], ['xian', 'shaanxi'],
      ['taiyuan', 'shanxi'], ['hohhot', 'inner-mongolia'], ['urumqi', 'xinjiang'], ['lhasa', 'tibet'],
      ['yinchuan', 'ningxia'], ['nanning', 'guangxi'], ['haikou', 'hainan'], ['harbin', 'heilongjiang'],
    ];
    for (const [id, parent] of cases) expect(get(id).parent, id).toBe(parent);
  });

  it('knows old and alternative spellings', () => {
    const cases: [string, string][] = [
      ['peking', 'beijing'], ['canton', 'guangzhou'], ['amoy', 'xiamen'], ['tientsin', 'tianjin'],
      ['sinkiang', 'xinjiang'], ['xian', 'xian'], ['xi an', 'xian'], ["xi'an", 'xian'], ['nei mongol', 'inner-mongolia'],
      ['inner mongolia', 'inner-mongolia'], ['guangxi zhuang autonomous region', 'guangxi'], ['macao', 'macau'],
      ['hongkong', 'hong-kong'], ['shensi', 'shaanxi'], ['shansi', 'shanxi'], ['xizang', 'tibet'],
      ['urumqi', 'urumqi'], ['ürümqi', 'urumqi'], ['nanking', 'nanjing'], ['tsingtao', 'qingdao'],
      ['changchun city', 'changchun'], ['长春市', 'changchun'], ['江阴市', 'jiangyin'], ['kunshan city', 'kunshan'],
      ['pudong new area', 'pudong'], ["xiong'an new area", 'xiongan'], ['xiongan', 'xiongan'],
      ['yanbian korean autonomous prefecture', 'yanbian'], ['suzhou', 'suzhou'], ['fuzhou', 'fuzhou'],
    ];
    for (const [form, id] of cases) expect(formOwner.get(form), form).toBe(id);
  });

  it('keeps Shanxi and Shaanxi apart', () => {
    expect(formOwner.get('shanxi')).toBe('shanxi');
    expect(formOwner.get('shaanxi')).toBe('shaanxi');
    expect(formOwner.get('山西')).toBe('shanxi');
    expect(formOwner.get('陕西')).toBe('shaanxi');
  });
});
