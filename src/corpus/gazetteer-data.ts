/**
 * Gazetteer data: the regions of China that article sentences, numeric facts and user questions
 * are attributed to.
 *
 * - level 'province': the 34 province-level divisions (23 provinces including Taiwan, 4
 *   municipalities, 5 autonomous regions, Hong Kong and Macau).
 * - level 'city': all 293 prefecture-level cities of mainland China, plus the 30 autonomous
 *   prefectures, 7 prefectures (地区) and 3 leagues (盟) that are also prefecture-level; parent is
 *   the province.
 * - level 'county': a selection of county-level cities, districts and state-level new areas that
 *   are often in innovation news; parent is the prefecture-level city (or, for the few that a
 *   province or municipality administers directly, the province-level entry).
 *
 * Rules kept by this data (checked in tests/corpus/gazetteer-data.test.ts):
 * - ids are unique, lowercase ASCII;
 * - no form (name, zh or alias, lower-cased and trimmed) belongs to two regions. Where a province
 *   and a city share a name (Jilin), the bare name is the province's and the city is "Jilin City"
 *   (zh "吉林市"). Where two cities share a romanisation (Suzhou, Fuzhou, Taizhou, Yulin, Yichun),
 *   the clearly dominant one keeps the bare name (Suzhou 苏州, Fuzhou 福州); otherwise neither does,
 *   and both are named with their province ("Taizhou (Zhejiang)"): see AMBIGUOUS_NAMES.
 * - aliases are lower-case; forms with an apostrophe also get the joined and spaced spellings
 *   ("xi'an" → "xian", "xi an").
 */
import type { Region } from './types.js';

type Level = Region['level'];

/** [id, English name, Chinese name (no suffix), extra aliases] */
type Row = readonly [id: string, name: string, zh: string, aliases?: readonly string[]];

/** Joined and spaced spellings that must never be generated (they are common personal names). */
const NO_VARIANT = new Set(['jian']);

function variants(form: string): string[] {
  const f = form.trim().toLowerCase();
  // Possessives ("jiangsu's suzhou") are not apostrophe spellings.
  if (!f.includes("'") || /'s\b/.test(f)) return [f];
  return [f, f.replace(/'/g, ''), f.replace(/'/g, ' ')].filter((v, i) => i === 0 || !NO_VARIANT.has(v));
}

function region(
  id: string,
  name: string,
  zh: string,
  level: Level,
  parent: string | null,
  aliases: readonly string[],
): Region {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const a of [...variants(name).slice(1), ...aliases.flatMap(variants)]) {
    if (a.length > 0 && !seen.has(a)) {
      seen.add(a);
      out.push(a);
    }
  }
  return { id, name, zh, level, parent, aliases: out };
}

// ---------------------------------------------------------------------------------------------
// Province-level divisions (34)
// ---------------------------------------------------------------------------------------------

const PROVINCE_ROWS: readonly Row[] = [
  ['hebei', 'Hebei', '河北', ['hopeh', 'hopei']],
  ['shanxi', 'Shanxi', '山西', ['shansi']],
  ['liaoning', 'Liaoning', '辽宁', []],
  ['jilin', 'Jilin', '吉林', []],
  ['heilongjiang', 'Heilongjiang', '黑龙江', ['heilungkiang']],
  ['jiangsu', 'Jiangsu', '江苏', ['kiangsu']],
  ['zhejiang', 'Zhejiang', '浙江', ['chekiang']],
  ['anhui', 'Anhui', '安徽', ['anhwei']],
  ['fujian', 'Fujian', '福建', ['fukien']],
  ['jiangxi', 'Jiangxi', '江西', ['kiangsi']],
  ['shandong', 'Shandong', '山东', ['shantung']],
  ['henan', 'Henan', '河南', ['honan']],
  ['hubei', 'Hubei', '湖北', ['hupeh', 'hupei']],
  ['hunan', 'Hunan', '湖南', []],
  ['guangdong', 'Guangdong', '广东', ['kwangtung']],
  ['hainan', 'Hainan', '海南', []],
  ['sichuan', 'Sichuan', '四川', ['szechwan', 'szechuan']],
  ['guizhou', 'Guizhou', '贵州', ['kweichow']],
  ['yunnan', 'Yunnan', '云南', []],
  ['shaanxi', 'Shaanxi', '陕西', ['shensi']],
  ['gansu', 'Gansu', '甘肃', ['kansu']],
  ['qinghai', 'Qinghai', '青海', ['tsinghai']],
  ['taiwan', 'Taiwan', '台湾', ['臺灣', '台灣']],
];

const MUNICIPALITY_ROWS: readonly Row[] = [
  ['beijing', 'Beijing', '北京', ['peking', 'peiping']],
  ['tianjin', 'Tianjin', '天津', ['tientsin']],
  ['shanghai', 'Shanghai', '上海', []],
  ['chongqing', 'Chongqing', '重庆', ['chungking', '重慶']],
];

const AUTONOMOUS_REGION_ROWS: readonly Row[] = [
  [
    'inner-mongolia',
    'Inner Mongolia',
    '内蒙古',
    ['nei mongol', 'neimenggu', 'nei menggu', 'innermongolia', '内蒙古自治区', '内蒙'],
  ],
  ['guangxi', 'Guangxi', '广西', ['guangxi zhuang autonomous region', 'kwangsi', '广西壮族自治区']],
  ['tibet', 'Tibet', '西藏', ['xizang', 'xizang autonomous region', '西藏自治区']],
  ['ningxia', 'Ningxia', '宁夏', ['ningxia hui autonomous region', 'ningsia', '宁夏回族自治区']],
  [
    'xinjiang',
    'Xinjiang',
    '新疆',
    [
      'xinjiang uygur autonomous region',
      'xinjiang uyghur autonomous region',
      'xinjiang uighur autonomous region',
      'sinkiang',
      '新疆维吾尔自治区',
    ],
  ],
];

const SAR_ROWS: readonly Row[] = [
  [
    'hong-kong',
    'Hong Kong',
    '香港',
    ['hongkong', 'hong kong sar', 'hksar', 'hong kong special administrative region', '香港特别行政区'],
  ],
  [
    'macau',
    'Macau',
    '澳门',
    [
      'macao',
      'macau sar',
      'macao sar',
      'macau special administrative region',
      'macao special administrative region',
      '澳门特别行政区',
      '澳門',
    ],
  ],
];

const PROVINCES: Region[] = [
  ...MUNICIPALITY_ROWS.map(([id, name, zh, a = []]) =>
    region(id, name, zh, 'province', null, [
      `${name} municipality`,
      `${name} city`,
      `${zh}市`,
      ...a,
    ]),
  ),
  ...PROVINCE_ROWS.map(([id, name, zh, a = []]) =>
    region(id, name, zh, 'province', null, [`${name} province`, `${zh}省`, ...a]),
  ),
  ...AUTONOMOUS_REGION_ROWS.map(([id, name, zh, a = []]) =>
    region(id, name, zh, 'province', null, [`${name} autonomous region`, ...a]),
  ),
  ...SAR_ROWS.map(([id, name, zh, a = []]) => region(id, name, zh, 'province', null, a)),
];

// ---------------------------------------------------------------------------------------------
// Prefecture-level cities (293), by province
// ---------------------------------------------------------------------------------------------

const CITY_ROWS: Readonly<Record<string, readonly Row[]>> = {
  hebei: [
    ['shijiazhuang', 'Shijiazhuang', '石家庄'],
    ['tangshan', 'Tangshan', '唐山'],
    ['qinhuangdao', 'Qinhuangdao', '秦皇岛'],
    ['handan', 'Handan', '邯郸'],
    ['xingtai', 'Xingtai', '邢台'],
    ['baoding', 'Baoding', '保定'],
    ['zhangjiakou', 'Zhangjiakou', '张家口', ['kalgan']],
    ['chengde', 'Chengde', '承德'],
    ['cangzhou', 'Cangzhou', '沧州'],
    ['langfang', 'Langfang', '廊坊'],
    ['hengshui', 'Hengshui', '衡水'],
  ],
  shanxi: [
    ['taiyuan', 'Taiyuan', '太原'],
    ['datong', 'Datong', '大同'],
    ['yangquan', 'Yangquan', '阳泉'],
    ['changzhi', 'Changzhi', '长治'],
    ['jincheng', 'Jincheng', '晋城'],
    ['shuozhou', 'Shuozhou', '朔州'],
    ['jinzhong', 'Jinzhong', '晋中'],
    ['yuncheng', 'Yuncheng', '运城'],
    ['xinzhou', 'Xinzhou', '忻州'],
    ['linfen', 'Linfen', '临汾'],
    ['lvliang', 'Lvliang', '吕梁', ['luliang', 'lüliang', 'lyuliang']],
  ],
  'inner-mongolia': [
    ['hohhot', 'Hohhot', '呼和浩特', ['huhhot', 'huhehot', 'huhehaote']],
    ['baotou', 'Baotou', '包头'],
    ['wuhai', 'Wuhai', '乌海'],
    ['chifeng', 'Chifeng', '赤峰'],
    ['tongliao', 'Tongliao', '通辽'],
    ['ordos', 'Ordos', '鄂尔多斯', ['eerduosi', 'erdos']],
    ['hulunbuir', 'Hulunbuir', '呼伦贝尔', ['hulunbeier', 'hulun buir']],
    ['bayannur', 'Bayannur', '巴彦淖尔', ['bayannaoer', 'bayan nur']],
    ['ulanqab', 'Ulanqab', '乌兰察布', ['wulanchabu', 'ulanchab']],
  ],
  liaoning: [
    ['shenyang', 'Shenyang', '沈阳', ['mukden']],
    ['dalian', 'Dalian', '大连', ['dairen', 'talien']],
    ['anshan', 'Anshan', '鞍山'],
    ['fushun', 'Fushun', '抚顺'],
    ['benxi', 'Benxi', '本溪'],
    ['dandong', 'Dandong', '丹东'],
    ['jinzhou', 'Jinzhou', '锦州'],
    ['yingkou', 'Yingkou', '营口'],
    ['fuxin', 'Fuxin', '阜新'],
    ['liaoyang', 'Liaoyang', '辽阳'],
    ['panjin', 'Panjin', '盘锦'],
    ['tieling', 'Tieling', '铁岭'],
    ['chaoyang', 'Chaoyang', '朝阳'],
    ['huludao', 'Huludao', '葫芦岛'],
  ],
  jilin: [
    ['changchun', 'Changchun', '长春'],
    // jilin-city is added below: its forms are "Jilin City" / 吉林市 only.
    ['siping', 'Siping', '四平'],
    ['liaoyuan', 'Liaoyuan', '辽源'],
    ['tonghua', 'Tonghua', '通化'],
    ['baishan', 'Baishan', '白山'],
    ['songyuan', 'Songyuan', '松原'],
    ['baicheng', 'Baicheng', '白城'],
  ],
  heilongjiang: [
    ['harbin', 'Harbin', '哈尔滨', ['haerbin']],
    ['qiqihar', 'Qiqihar', '齐齐哈尔', ['qiqihaer', 'tsitsihar']],
    ['jixi', 'Jixi', '鸡西'],
    ['hegang', 'Hegang', '鹤岗'],
    ['shuangyashan', 'Shuangyashan', '双鸭山'],
    ['daqing', 'Daqing', '大庆'],
    // yichun-hl (伊春) is a homonym: see HOMONYM_CITIES.
    ['jiamusi', 'Jiamusi', '佳木斯'],
    ['qitaihe', 'Qitaihe', '七台河'],
    ['mudanjiang', 'Mudanjiang', '牡丹江'],
    ['heihe', 'Heihe', '黑河'],
    ['suihua', 'Suihua', '绥化'],
  ],
  jiangsu: [
    ['nanjing', 'Nanjing', '南京', ['nanking']],
    ['wuxi', 'Wuxi', '无锡'],
    ['xuzhou', 'Xuzhou', '徐州'],
    ['changzhou', 'Changzhou', '常州'],
    ['suzhou', 'Suzhou', '苏州', ['soochow', 'suzhou, jiangsu', 'suzhou jiangsu', "jiangsu's suzhou"]],
    ['nantong', 'Nantong', '南通'],
    ['lianyungang', 'Lianyungang', '连云港'],
    ['huaian', "Huai'an", '淮安'],
    ['yancheng', 'Yancheng', '盐城'],
    ['yangzhou', 'Yangzhou', '扬州'],
    ['zhenjiang', 'Zhenjiang', '镇江'],
    // taizhou-js (泰州) is a homonym: see HOMONYM_CITIES.
    ['suqian', 'Suqian', '宿迁'],
  ],
  zhejiang: [
    ['hangzhou', 'Hangzhou', '杭州', ['hangchow']],
    ['ningbo', 'Ningbo', '宁波', ['ningpo']],
    ['wenzhou', 'Wenzhou', '温州'],
    ['jiaxing', 'Jiaxing', '嘉兴'],
    ['huzhou', 'Huzhou', '湖州'],
    ['shaoxing', 'Shaoxing', '绍兴'],
    ['jinhua', 'Jinhua', '金华'],
    ['quzhou', 'Quzhou', '衢州'],
    ['zhoushan', 'Zhoushan', '舟山'],
    // taizhou-zj (台州) is a homonym: see HOMONYM_CITIES.
    ['lishui', 'Lishui', '丽水'],
  ],
  anhui: [
    ['hefei', 'Hefei', '合肥'],
    ['wuhu', 'Wuhu', '芜湖'],
    ['bengbu', 'Bengbu', '蚌埠'],
    ['huainan', 'Huainan', '淮南'],
    ['maanshan', "Ma'anshan", '马鞍山'],
    ['huaibei', 'Huaibei', '淮北'],
    ['tongling', 'Tongling', '铜陵'],
    ['anqing', 'Anqing', '安庆'],
    ['huangshan', 'Huangshan', '黄山'],
    ['chuzhou', 'Chuzhou', '滁州'],
    ['fuyang', 'Fuyang', '阜阳'],
    // suzhou-ah (宿州) is a homonym: see HOMONYM_CITIES.
    ['luan', "Lu'an", '六安'],
    ['bozhou', 'Bozhou', '亳州'],
    ['chizhou', 'Chizhou', '池州'],
    ['xuancheng', 'Xuancheng', '宣城'],
  ],
  fujian: [
    ['fuzhou', 'Fuzhou', '福州', ['foochow', 'fuzhou, fujian', 'fuzhou fujian', "fujian's fuzhou"]],
    ['xiamen', 'Xiamen', '厦门', ['amoy']],
    ['putian', 'Putian', '莆田'],
    ['sanming', 'Sanming', '三明'],
    ['quanzhou', 'Quanzhou', '泉州'],
    ['zhangzhou', 'Zhangzhou', '漳州'],
    ['nanping', 'Nanping', '南平'],
    ['longyan', 'Longyan', '龙岩'],
    ['ningde', 'Ningde', '宁德'],
  ],
  jiangxi: [
    ['nanchang', 'Nanchang', '南昌'],
    ['jingdezhen', 'Jingdezhen', '景德镇'],
    ['pingxiang', 'Pingxiang', '萍乡'],
    ['jiujiang', 'Jiujiang', '九江'],
    ['xinyu', 'Xinyu', '新余'],
    ['yingtan', 'Yingtan', '鹰潭'],
    ['ganzhou', 'Ganzhou', '赣州'],
    ['jian', "Ji'an", '吉安'],
    // yichun-jx (宜春) and fuzhou-jx (抚州) are homonyms: see HOMONYM_CITIES.
    ['shangrao', 'Shangrao', '上饶'],
  ],
  shandong: [
    ['jinan', 'Jinan', '济南', ['tsinan']],
    ['qingdao', 'Qingdao', '青岛', ['tsingtao']],
    ['zibo', 'Zibo', '淄博'],
    ['zaozhuang', 'Zaozhuang', '枣庄'],
    ['dongying', 'Dongying', '东营'],
    ['yantai', 'Yantai', '烟台', ['chefoo']],
    ['weifang', 'Weifang', '潍坊'],
    ['jining', 'Jining', '济宁'],
    ['taian', "Tai'an", '泰安'],
    ['weihai', 'Weihai', '威海', ['weihaiwei']],
    ['rizhao', 'Rizhao', '日照'],
    ['linyi', 'Linyi', '临沂'],
    ['dezhou', 'Dezhou', '德州'],
    ['liaocheng', 'Liaocheng', '聊城'],
    ['binzhou', 'Binzhou', '滨州'],
    ['heze', 'Heze', '菏泽'],
  ],
  henan: [
    ['zhengzhou', 'Zhengzhou', '郑州', ['chengchow']],
    ['kaifeng', 'Kaifeng', '开封'],
    ['luoyang', 'Luoyang', '洛阳'],
    ['pingdingshan', 'Pingdingshan', '平顶山'],
    ['anyang', 'Anyang', '安阳'],
    ['hebi', 'Hebi', '鹤壁'],
    ['xinxiang', 'Xinxiang', '新乡'],
    ['jiaozuo', 'Jiaozuo', '焦作'],
    ['puyang', 'Puyang', '濮阳'],
    ['xuchang', 'Xuchang', '许昌'],
    ['luohe', 'Luohe', '漯河'],
    ['sanmenxia', 'Sanmenxia', '三门峡'],
    ['nanyang', 'Nanyang', '南阳'],
    ['shangqiu', 'Shangqiu', '商丘'],
    ['xinyang', 'Xinyang', '信阳'],
    ['zhoukou', 'Zhoukou', '周口'],
    ['zhumadian', 'Zhumadian', '驻马店'],
  ],
  hubei: [
    ['wuhan', 'Wuhan', '武汉'],
    ['huangshi', 'Huangshi', '黄石'],
    ['shiyan', 'Shiyan', '十堰'],
    ['yichang', 'Yichang', '宜昌'],
    ['xiangyang', 'Xiangyang', '襄阳', ['xiangfan']],
    ['ezhou', 'Ezhou', '鄂州'],
    ['jingmen', 'Jingmen', '荆门'],
    ['xiaogan', 'Xiaogan', '孝感'],
    ['jingzhou', 'Jingzhou', '荆州'],
    ['huanggang', 'Huanggang', '黄冈'],
    ['xianning', 'Xianning', '咸宁'],
    ['suizhou', 'Suizhou', '随州'],
  ],
  hunan: [
    ['changsha', 'Changsha', '长沙'],
    ['zhuzhou', 'Zhuzhou', '株洲'],
    ['xiangtan', 'Xiangtan', '湘潭'],
    ['hengyang', 'Hengyang', '衡阳'],
    ['shaoyang', 'Shaoyang', '邵阳'],
    ['yueyang', 'Yueyang', '岳阳'],
    ['changde', 'Changde', '常德'],
    ['zhangjiajie', 'Zhangjiajie', '张家界'],
    ['yiyang', 'Yiyang', '益阳'],
    ['chenzhou', 'Chenzhou', '郴州'],
    ['yongzhou', 'Yongzhou', '永州'],
    ['huaihua', 'Huaihua', '怀化'],
    ['loudi', 'Loudi', '娄底'],
  ],
  guangdong: [
    ['guangzhou', 'Guangzhou', '广州', ['canton', 'kwangchow']],
    ['shaoguan', 'Shaoguan', '韶关'],
    ['shenzhen', 'Shenzhen', '深圳'],
    ['zhuhai', 'Zhuhai', '珠海'],
    ['shantou', 'Shantou', '汕头', ['swatow']],
    ['foshan', 'Foshan', '佛山'],
    ['jiangmen', 'Jiangmen', '江门'],
    ['zhanjiang', 'Zhanjiang', '湛江'],
    ['maoming', 'Maoming', '茂名'],
    ['zhaoqing', 'Zhaoqing', '肇庆'],
    ['huizhou', 'Huizhou', '惠州'],
    ['meizhou', 'Meizhou', '梅州'],
    ['shanwei', 'Shanwei', '汕尾'],
    ['heyuan', 'Heyuan', '河源'],
    ['yangjiang', 'Yangjiang', '阳江'],
    ['qingyuan', 'Qingyuan', '清远'],
    ['dongguan', 'Dongguan', '东莞'],
    ['zhongshan', 'Zhongshan', '中山'],
    ['chaozhou', 'Chaozhou', '潮州'],
    ['jieyang', 'Jieyang', '揭阳'],
    ['yunfu', 'Yunfu', '云浮'],
  ],
  guangxi: [
    ['nanning', 'Nanning', '南宁'],
    ['liuzhou', 'Liuzhou', '柳州'],
    ['guilin', 'Guilin', '桂林', ['kweilin']],
    ['wuzhou', 'Wuzhou', '梧州'],
    ['beihai', 'Beihai', '北海'],
    ['fangchenggang', 'Fangchenggang', '防城港'],
    ['qinzhou', 'Qinzhou', '钦州'],
    ['guigang', 'Guigang', '贵港'],
    // yulin-gx (玉林) is a homonym: see HOMONYM_CITIES.
    ['baise', 'Baise', '百色'],
    ['hezhou', 'Hezhou', '贺州'],
    ['hechi', 'Hechi', '河池'],
    ['laibin', 'Laibin', '来宾'],
    ['chongzuo', 'Chongzuo', '崇左'],
  ],
  hainan: [
    ['haikou', 'Haikou', '海口'],
    ['sanya', 'Sanya', '三亚'],
    ['sansha', 'Sansha', '三沙'],
    ['danzhou', 'Danzhou', '儋州'],
  ],
  sichuan: [
    ['chengdu', 'Chengdu', '成都'],
    ['zigong', 'Zigong', '自贡'],
    ['panzhihua', 'Panzhihua', '攀枝花'],
    ['luzhou', 'Luzhou', '泸州'],
    ['deyang', 'Deyang', '德阳'],
    ['mianyang', 'Mianyang', '绵阳'],
    ['guangyuan', 'Guangyuan', '广元'],
    ['suining', 'Suining', '遂宁'],
    ['neijiang', 'Neijiang', '内江'],
    ['leshan', 'Leshan', '乐山'],
    ['nanchong', 'Nanchong', '南充'],
    ['meishan', 'Meishan', '眉山'],
    ['yibin', 'Yibin', '宜宾'],
    ['guangan', "Guang'an", '广安'],
    ['dazhou', 'Dazhou', '达州'],
    ['yaan', "Ya'an", '雅安'],
    ['bazhong', 'Bazhong', '巴中'],
    ['ziyang', 'Ziyang', '资阳'],
  ],
  guizhou: [
    ['guiyang', 'Guiyang', '贵阳', ['kweiyang']],
    ['liupanshui', 'Liupanshui', '六盘水'],
    ['zunyi', 'Zunyi', '遵义'],
    ['anshun', 'Anshun', '安顺'],
    ['bijie', 'Bijie', '毕节'],
    ['tongren', 'Tongren', '铜仁'],
  ],
  yunnan: [
    ['kunming', 'Kunming', '昆明'],
    ['qujing', 'Qujing', '曲靖'],
    ['yuxi', 'Yuxi', '玉溪'],
    ['baoshan', 'Baoshan', '保山'],
    ['zhaotong', 'Zhaotong', '昭通'],
    ['lijiang', 'Lijiang', '丽江'],
    ['puer', "Pu'er", '普洱'],
    ['lincang', 'Lincang', '临沧'],
  ],
  tibet: [
    ['lhasa', 'Lhasa', '拉萨'],
    ['shigatse', 'Shigatse', '日喀则', ['xigaze', 'rikaze']],
    ['chamdo', 'Chamdo', '昌都', ['qamdo', 'changdu']],
    ['nyingchi', 'Nyingchi', '林芝', ['linzhi']],
    ['shannan', 'Shannan', '山南', ['lhoka', 'lhokha']],
    ['nagqu', 'Nagqu', '那曲', ['naqu']],
  ],
  shaanxi: [
    ['xian', "Xi'an", '西安', ['xi-an']],
    ['tongchuan', 'Tongchuan', '铜川'],
    ['baoji', 'Baoji', '宝鸡'],
    ['xianyang', 'Xianyang', '咸阳'],
    ['weinan', 'Weinan', '渭南'],
    ['yanan', "Yan'an", '延安', ['yenan']],
    ['hanzhong', 'Hanzhong', '汉中'],
    // yulin-sn (榆林) is a homonym: see HOMONYM_CITIES.
    ['ankang', 'Ankang', '安康'],
    ['shangluo', 'Shangluo', '商洛'],
  ],
  gansu: [
    ['lanzhou', 'Lanzhou', '兰州', ['lanchow']],
    ['jiayuguan', 'Jiayuguan', '嘉峪关'],
    ['jinchang', 'Jinchang', '金昌'],
    ['baiyin', 'Baiyin', '白银'],
    ['tianshui', 'Tianshui', '天水'],
    ['wuwei', 'Wuwei', '武威'],
    ['zhangye', 'Zhangye', '张掖'],
    ['pingliang', 'Pingliang', '平凉'],
    ['jiuquan', 'Jiuquan', '酒泉'],
    ['qingyang', 'Qingyang', '庆阳'],
    ['dingxi', 'Dingxi', '定西'],
    ['longnan', 'Longnan', '陇南'],
  ],
  qinghai: [
    ['xining', 'Xining', '西宁'],
    ['haidong', 'Haidong', '海东'],
  ],
  ningxia: [
    ['yinchuan', 'Yinchuan', '银川'],
    ['shizuishan', 'Shizuishan', '石嘴山'],
    ['wuzhong', 'Wuzhong', '吴忠'],
    ['guyuan', 'Guyuan', '固原'],
    ['zhongwei', 'Zhongwei', '中卫'],
  ],
  xinjiang: [
    ['urumqi', 'Urumqi', '乌鲁木齐', ['ürümqi', 'urumchi', 'wulumuqi']],
    ['karamay', 'Karamay', '克拉玛依', ['kelamayi']],
    ['turpan', 'Turpan', '吐鲁番', ['turfan', 'tulufan']],
    ['hami', 'Hami', '哈密', ['kumul']],
  ],
};

/**
 * Prefecture-level cities whose romanisation another city shares. [id, province, bare name,
 * Chinese name, extra aliases]; each is named "<Name> (<Province>)".
 */
const HOMONYM_CITIES: readonly (readonly [string, string, string, string, readonly string[]])[] = [
  ['yichun-hl', 'heilongjiang', 'Yichun', '伊春', []],
  ['yichun-jx', 'jiangxi', 'Yichun', '宜春', []],
  ['taizhou-js', 'jiangsu', 'Taizhou', '泰州', []],
  ['taizhou-zj', 'zhejiang', 'Taizhou', '台州', []],
  ['yulin-sn', 'shaanxi', 'Yulin', '榆林', []],
  ['yulin-gx', 'guangxi', 'Yulin', '玉林', []],
  // The other Suzhou and Fuzhou: the bare names are 苏州 (Jiangsu) and 福州 (Fujian).
  ['suzhou-ah', 'anhui', 'Suzhou', '宿州', []],
  ['fuzhou-jx', 'jiangxi', 'Fuzhou', '抚州', []],
];

/** English names shared by two cities; the bare name is a form of neither. */
export const AMBIGUOUS_NAMES: Readonly<Record<string, readonly string[]>> = {
  taizhou: ['taizhou-zj', 'taizhou-js'],
  yulin: ['yulin-sn', 'yulin-gx'],
  yichun: ['yichun-jx', 'yichun-hl'],
};

const PROVINCE_NAME = new Map(PROVINCES.map((p) => [p.id, p.name]));

function homonymCity([id, parent, bare, zh, extra]: (typeof HOMONYM_CITIES)[number]): Region {
  const prov = PROVINCE_NAME.get(parent) ?? parent;
  const p = prov.toLowerCase();
  const b = bare.toLowerCase();
  return region(id, `${bare} (${prov})`, zh, 'city', parent, [
    `${b}, ${p}`,
    `${b} ${p}`,
    `${p} ${b}`,
    `${p}'s ${b}`,
    `${b} city, ${p}`,
    `${zh}市`,
    ...extra,
  ]);
}

const CITIES: Region[] = [
  ...Object.entries(CITY_ROWS).flatMap(([parent, rows]) =>
    rows.map(([id, name, zh, a = []]) =>
      region(id, name, zh, 'city', parent, [`${name} city`, `${zh}市`, ...a]),
    ),
  ),
  region('jilin-city', 'Jilin City', '吉林市', 'city', 'jilin', ['jilin city']),
  ...HOMONYM_CITIES.map(homonymCity),
];

// ---------------------------------------------------------------------------------------------
// Other prefecture-level divisions: autonomous prefectures (30), prefectures (7), leagues (3)
// ---------------------------------------------------------------------------------------------

/** [id, province, name, zh, full English name, full Chinese name, extra aliases] */
type PrefRow = readonly [
  id: string,
  parent: string,
  name: string,
  zh: string,
  fullEn: string,
  fullZh: string,
  aliases?: readonly string[],
];

const AUTONOMOUS_PREFECTURES: readonly PrefRow[] = [
  ['yanbian', 'jilin', 'Yanbian', '延边', 'yanbian korean autonomous prefecture', '延边朝鲜族自治州'],
  ['enshi', 'hubei', 'Enshi', '恩施', 'enshi tujia and miao autonomous prefecture', '恩施土家族苗族自治州'],
  ['xiangxi', 'hunan', 'Xiangxi', '湘西', 'xiangxi tujia and miao autonomous prefecture', '湘西土家族苗族自治州'],
  ['ngawa', 'sichuan', 'Ngawa', '阿坝', 'ngawa tibetan and qiang autonomous prefecture', '阿坝藏族羌族自治州', [
    'aba prefecture',
    'aba tibetan and qiang autonomous prefecture',
  ]],
  ['garze', 'sichuan', 'Garze', '甘孜', 'garze tibetan autonomous prefecture', '甘孜藏族自治州', [
    'garzê',
    'ganzi',
    'ganzi tibetan autonomous prefecture',
  ]],
  ['liangshan', 'sichuan', 'Liangshan', '凉山', 'liangshan yi autonomous prefecture', '凉山彝族自治州'],
  ['qiandongnan', 'guizhou', 'Qiandongnan', '黔东南', 'qiandongnan miao and dong autonomous prefecture', '黔东南苗族侗族自治州'],
  ['qiannan', 'guizhou', 'Qiannan', '黔南', 'qiannan buyei and miao autonomous prefecture', '黔南布依族苗族自治州'],
  ['qianxinan', 'guizhou', 'Qianxinan', '黔西南', 'qianxinan buyei and miao autonomous prefecture', '黔西南布依族苗族自治州'],
  ['chuxiong', 'yunnan', 'Chuxiong', '楚雄', 'chuxiong yi autonomous prefecture', '楚雄彝族自治州'],
  ['honghe', 'yunnan', 'Honghe', '红河', 'honghe hani and yi autonomous prefecture', '红河哈尼族彝族自治州'],
  ['wenshan', 'yunnan', 'Wenshan', '文山', 'wenshan zhuang and miao autonomous prefecture', '文山壮族苗族自治州'],
  ['xishuangbanna', 'yunnan', 'Xishuangbanna', '西双版纳', 'xishuangbanna dai autonomous prefecture', '西双版纳傣族自治州', [
    'sipsongpanna',
  ]],
  ['dali', 'yunnan', 'Dali', '大理', 'dali bai autonomous prefecture', '大理白族自治州'],
  ['dehong', 'yunnan', 'Dehong', '德宏', 'dehong dai and jingpo autonomous prefecture', '德宏傣族景颇族自治州'],
  ['nujiang', 'yunnan', 'Nujiang', '怒江', 'nujiang lisu autonomous prefecture', '怒江傈僳族自治州'],
  ['diqing', 'yunnan', 'Diqing', '迪庆', 'diqing tibetan autonomous prefecture', '迪庆藏族自治州', ['deqen', 'dêqên']],
  ['linxia', 'gansu', 'Linxia', '临夏', 'linxia hui autonomous prefecture', '临夏回族自治州'],
  ['gannan', 'gansu', 'Gannan', '甘南', 'gannan tibetan autonomous prefecture', '甘南藏族自治州'],
  ['haibei', 'qinghai', 'Haibei', '海北', 'haibei tibetan autonomous prefecture', '海北藏族自治州'],
  ['huangnan', 'qinghai', 'Huangnan', '黄南', 'huangnan tibetan autonomous prefecture', '黄南藏族自治州'],
  ['golog', 'qinghai', 'Golog', '果洛', 'golog tibetan autonomous prefecture', '果洛藏族自治州', ['guoluo']],
  ['yushu', 'qinghai', 'Yushu', '玉树', 'yushu tibetan autonomous prefecture', '玉树藏族自治州'],
  ['haixi', 'qinghai', 'Haixi', '海西', 'haixi mongol and tibetan autonomous prefecture', '海西蒙古族藏族自治州'],
  ['changji', 'xinjiang', 'Changji', '昌吉', 'changji hui autonomous prefecture', '昌吉回族自治州'],
  ['bortala', 'xinjiang', 'Bortala', '博尔塔拉', 'bortala mongol autonomous prefecture', '博尔塔拉蒙古自治州', [
    'boertala',
  ]],
  ['bayingolin', 'xinjiang', 'Bayingolin', '巴音郭楞', 'bayingolin mongol autonomous prefecture', '巴音郭楞蒙古自治州', [
    'bayinguoleng',
  ]],
  ['kizilsu', 'xinjiang', 'Kizilsu', '克孜勒苏', 'kizilsu kirghiz autonomous prefecture', '克孜勒苏柯尔克孜自治州', [
    'kezilesu',
  ]],
  ['ili', 'xinjiang', 'Ili', '伊犁', 'ili kazakh autonomous prefecture', '伊犁哈萨克自治州', [
    'yili prefecture',
    'yili kazakh autonomous prefecture',
  ]],
];

const PREFECTURES: readonly PrefRow[] = [
  ['daxinganling', 'heilongjiang', "Daxing'anling", '大兴安岭', "daxing'anling prefecture", '大兴安岭地区', [
    'da hinggan ling',
    'greater khingan',
    "da xing'anling",
  ]],
  ['aksu', 'xinjiang', 'Aksu', '阿克苏', 'aksu prefecture', '阿克苏地区', ['akesu']],
  ['kashgar', 'xinjiang', 'Kashgar', '喀什', 'kashgar prefecture', '喀什地区', ['kashi prefecture']],
  ['hotan', 'xinjiang', 'Hotan', '和田', 'hotan prefecture', '和田地区', ['khotan', 'hetian']],
  ['tacheng', 'xinjiang', 'Tacheng', '塔城', 'tacheng prefecture', '塔城地区'],
  ['altay', 'xinjiang', 'Altay', '阿勒泰', 'altay prefecture', '阿勒泰地区', ['aletai']],
  // zh carries the suffix here: bare 阿里 is also the everyday short name of Alibaba.
  ['ngari', 'tibet', 'Ngari', '阿里地区', 'ngari prefecture', '阿里地区', ['ali prefecture']],
];

const LEAGUES: readonly PrefRow[] = [
  ['hinggan', 'inner-mongolia', 'Hinggan', '兴安', 'hinggan league', '兴安盟', ["xing'an league"]],
  ['xilingol', 'inner-mongolia', 'Xilingol', '锡林郭勒', 'xilingol league', '锡林郭勒盟', [
    'xilin gol',
    'xilinguole',
  ]],
  ['alxa', 'inner-mongolia', 'Alxa', '阿拉善', 'alxa league', '阿拉善盟', ['alashan', 'alashan league']],
];

const PREFECTURE_LEVEL_OTHER: Region[] = [
  ...AUTONOMOUS_PREFECTURES.map(([id, parent, name, zh, fullEn, fullZh, a = []]) =>
    region(id, name, zh, 'city', parent, [
      fullEn,
      `${name} prefecture`,
      `${name} autonomous prefecture`,
      fullZh,
      `${zh}州`,
      ...a,
    ]),
  ),
  // Hainan Tibetan Autonomous Prefecture (Qinghai): the bare name 海南 / "Hainan" is the province's.
  region('hainan-qh', 'Hainan Tibetan Autonomous Prefecture', '海南州', 'city', 'qinghai', [
    'hainan prefecture',
    '海南藏族自治州',
  ]),
  ...[...PREFECTURES, ...LEAGUES].map(([id, parent, name, zh, fullEn, fullZh, a = []]) =>
    region(id, name, zh, 'city', parent, [fullEn, fullZh, ...a]),
  ),
];

// ---------------------------------------------------------------------------------------------
// County-level cities, districts and new areas often in innovation news
// ---------------------------------------------------------------------------------------------

type CountyKind = 'city' | 'district' | 'county' | 'new-area';

/** [id, parent, name, zh, kind, extra aliases] */
type CountyRow = readonly [
  id: string,
  parent: string,
  name: string,
  zh: string,
  kind: CountyKind,
  aliases?: readonly string[],
];

const COUNTY_ROWS: readonly CountyRow[] = [
  // Jiangsu
  ['jiangyin', 'wuxi', 'Jiangyin', '江阴', 'city'],
  ['yixing', 'wuxi', 'Yixing', '宜兴', 'city'],
  ['kunshan', 'suzhou', 'Kunshan', '昆山', 'city'],
  ['changshu', 'suzhou', 'Changshu', '常熟', 'city'],
  ['zhangjiagang', 'suzhou', 'Zhangjiagang', '张家港', 'city'],
  ['taicang', 'suzhou', 'Taicang', '太仓', 'city'],
  ['danyang', 'zhenjiang', 'Danyang', '丹阳', 'city'],
  ['yangzhong', 'zhenjiang', 'Yangzhong', '扬中', 'city'],
  ['liyang', 'changzhou', 'Liyang', '溧阳', 'city'],
  ['wujin', 'changzhou', 'Wujin', '武进', 'district'],
  ['rugao', 'nantong', 'Rugao', '如皋', 'city'],
  // Haimen became a district of Nantong in 2020; it is still often called a city.
  ['haimen', 'nantong', 'Haimen', '海门', 'district', ['haimen city', '海门市']],
  ['qidong', 'nantong', 'Qidong', '启东', 'city'],
  ['haian', 'nantong', "Hai'an", '海安', 'city'],
  ['jingjiang', 'taizhou-js', 'Jingjiang', '靖江', 'city'],
  ['taixing', 'taizhou-js', 'Taixing', '泰兴', 'city'],
  ['xinghua', 'taizhou-js', 'Xinghua', '兴化', 'city'],
  ['pizhou', 'xuzhou', 'Pizhou', '邳州', 'city'],
  ['dongtai', 'yancheng', 'Dongtai', '东台', 'city'],
  ['yizheng', 'yangzhou', 'Yizheng', '仪征', 'city'],
  ['gaoyou', 'yangzhou', 'Gaoyou', '高邮', 'city'],
  ['jiangning', 'nanjing', 'Jiangning', '江宁', 'district'],
  // Zhejiang
  ['yiwu', 'jinhua', 'Yiwu', '义乌', 'city'],
  ['yongkang', 'jinhua', 'Yongkang', '永康', 'city'],
  ['dongyang', 'jinhua', 'Dongyang', '东阳', 'city'],
  ['lanxi', 'jinhua', 'Lanxi', '兰溪', 'city'],
  ['cixi', 'ningbo', 'Cixi', '慈溪', 'city'],
  ['yuyao', 'ningbo', 'Yuyao', '余姚', 'city'],
  ['ruian', 'wenzhou', "Rui'an", '瑞安', 'city'],
  ['yueqing', 'wenzhou', 'Yueqing', '乐清', 'city'],
  ['wenling', 'taizhou-zj', 'Wenling', '温岭', 'city'],
  ['linhai', 'taizhou-zj', 'Linhai', '临海', 'city'],
  ['yuhuan', 'taizhou-zj', 'Yuhuan', '玉环', 'city'],
  ['zhuji', 'shaoxing', 'Zhuji', '诸暨', 'city'],
  ['shengzhou', 'shaoxing', 'Shengzhou', '嵊州', 'city'],
  ['haining', 'jiaxing', 'Haining', '海宁', 'city'],
  ['tongxiang', 'jiaxing', 'Tongxiang', '桐乡', 'city'],
  ['pinghu', 'jiaxing', 'Pinghu', '平湖', 'city'],
  ['jiande', 'hangzhou', 'Jiande', '建德', 'city'],
  ['yuhang', 'hangzhou', 'Yuhang', '余杭', 'district'],
  ['xiaoshan', 'hangzhou', 'Xiaoshan', '萧山', 'district'],
  ['binjiang', 'hangzhou', 'Binjiang', '滨江', 'district'],
  ['anji', 'huzhou', 'Anji', '安吉', 'county'],
  ['deqing', 'huzhou', 'Deqing', '德清', 'county'],
  // Fujian
  ['jinjiang', 'quanzhou', 'Jinjiang', '晋江', 'city'],
  ['shishi', 'quanzhou', 'Shishi', '石狮', 'city'],
  ['nanan', 'quanzhou', "Nan'an", '南安', 'city'],
  ['fuqing', 'fuzhou', 'Fuqing', '福清', 'city'],
  ['pingtan', 'fuzhou', 'Pingtan', '平潭', 'county'],
  // Shandong
  ['shouguang', 'weifang', 'Shouguang', '寿光', 'city'],
  ['zhucheng', 'weifang', 'Zhucheng', '诸城', 'city'],
  ['qingzhou', 'weifang', 'Qingzhou', '青州', 'city'],
  ['jiaozhou', 'qingdao', 'Jiaozhou', '胶州', 'city'],
  ['pingdu', 'qingdao', 'Pingdu', '平度', 'city'],
  ['laixi', 'qingdao', 'Laixi', '莱西', 'city'],
  ['huangdao', 'qingdao', 'Huangdao', '黄岛', 'district', ['west coast new area', 'qingdao west coast new area']],
  ['longkou', 'yantai', 'Longkou', '龙口', 'city'],
  ['rongcheng', 'weihai', 'Rongcheng', '荣成', 'city'],
  ['zoucheng', 'jining', 'Zoucheng', '邹城', 'city'],
  ['tengzhou', 'zaozhuang', 'Tengzhou', '滕州', 'city'],
  ['zouping', 'binzhou', 'Zouping', '邹平', 'city'],
  // Guangdong
  ['nanshan', 'shenzhen', 'Nanshan', '南山', 'district', ['shenzhen nanshan']],
  ['futian', 'shenzhen', 'Futian', '福田', 'district'],
  ['baoan', 'shenzhen', "Bao'an", '宝安', 'district'],
  ['longgang', 'shenzhen', 'Longgang', '龙岗', 'district'],
  ['nansha', 'guangzhou', 'Nansha', '南沙', 'district', ['nansha new area']],
  ['shunde', 'foshan', 'Shunde', '顺德', 'district'],
  // Beijing, Shanghai, Tianjin, Chongqing
  ['haidian', 'beijing', 'Haidian', '海淀', 'district'],
  ['changping', 'beijing', 'Changping', '昌平', 'district'],
  ['daxing', 'beijing', 'Daxing', '大兴', 'district'],
  ['shunyi', 'beijing', 'Shunyi', '顺义', 'district'],
  ['pudong', 'shanghai', 'Pudong', '浦东', 'new-area', ['pudong district', 'pudong new district', 'shanghai pudong']],
  ['minhang', 'shanghai', 'Minhang', '闵行', 'district'],
  ['songjiang', 'shanghai', 'Songjiang', '松江', 'district'],
  ['jiading', 'shanghai', 'Jiading', '嘉定', 'district'],
  ['xuhui', 'shanghai', 'Xuhui', '徐汇', 'district'],
  ['binhai', 'tianjin', 'Binhai', '滨海', 'new-area', ['tianjin binhai', 'tianjin binhai new area']],
  ['liangjiang', 'chongqing', 'Liangjiang', '两江', 'new-area', ['chongqing liangjiang new area']],
  // Hebei (Xiong'an spans Xiongxian, Rongcheng and Anxin counties of Baoding)
  ['xiongan', 'baoding', "Xiong'an", '雄安', 'new-area'],
  ['dingzhou', 'baoding', 'Dingzhou', '定州', 'city'],
  ['zhuozhou', 'baoding', 'Zhuozhou', '涿州', 'city'],
  ['xinji', 'shijiazhuang', 'Xinji', '辛集', 'city'],
  ['qianan', 'tangshan', "Qian'an", '迁安', 'city'],
  ['sanhe', 'langfang', 'Sanhe', '三河', 'city'],
  ['wuan', 'handan', "Wu'an", '武安', 'city'],
  ['renqiu', 'cangzhou', 'Renqiu', '任丘', 'city'],
  ['huanghua', 'cangzhou', 'Huanghua', '黄骅', 'city'],
  // Henan, Hubei, Hunan (Jiyuan, Xiantao and Tianmen are administered directly by the province)
  ['gongyi', 'zhengzhou', 'Gongyi', '巩义', 'city'],
  ['xinzheng', 'zhengzhou', 'Xinzheng', '新郑', 'city'],
  ['jiyuan', 'henan', 'Jiyuan', '济源', 'city'],
  ['xiantao', 'hubei', 'Xiantao', '仙桃', 'city'],
  ['tianmen', 'hubei', 'Tianmen', '天门', 'city'],
  ['liuyang', 'changsha', 'Liuyang', '浏阳', 'city'],
  // Sichuan, Guizhou, Shaanxi (state-level new areas with their managing city)
  ['tianfu', 'chengdu', 'Tianfu', '天府', 'new-area', ['sichuan tianfu new area']],
  ['dujiangyan', 'chengdu', 'Dujiangyan', '都江堰', 'city'],
  ['jiangyou', 'mianyang', 'Jiangyou', '江油', 'city'],
  ['guian', 'guiyang', "Gui'an", '贵安', 'new-area'],
  ['renhuai', 'zunyi', 'Renhuai', '仁怀', 'city'],
  ['xixian', 'xian', 'Xixian', '西咸', 'new-area'],
  ['yangling', 'xianyang', 'Yangling', '杨凌', 'district'],
  ['shenmu', 'yulin-sn', 'Shenmu', '神木', 'city'],
  // Yunnan, Guangxi
  ['ruili', 'dehong', 'Ruili', '瑞丽', 'city'],
  ['jinghong', 'xishuangbanna', 'Jinghong', '景洪', 'city'],
  ['shangrila', 'diqing', 'Shangri-La', '香格里拉', 'city', ['shangri la', 'shangrila']],
  ['dongxing', 'fangchenggang', 'Dongxing', '东兴', 'city'],
  // Jilin
  ['hunchun', 'yanbian', 'Hunchun', '珲春', 'city'],
  ['yanji', 'yanbian', 'Yanji', '延吉', 'city'],
  ['dunhua', 'yanbian', 'Dunhua', '敦化', 'city'],
  ['helong', 'yanbian', 'Helong', '和龙', 'city'],
  ['meihekou', 'tonghua', 'Meihekou', '梅河口', 'city'],
  // Gongzhuling was transferred from Siping to Changchun in 2020.
  ['gongzhuling', 'changchun', 'Gongzhuling', '公主岭', 'city'],
  ['dehui', 'changchun', 'Dehui', '德惠', 'city'],
  ['jiaohe', 'jilin-city', 'Jiaohe', '蛟河', 'city'],
  ['huadian', 'jilin-city', 'Huadian', '桦甸', 'city'],
  ['panshi', 'jilin-city', 'Panshi', '磐石', 'city'],
  ['shulan', 'jilin-city', 'Shulan', '舒兰', 'city'],
  ['shuangliao', 'siping', 'Shuangliao', '双辽', 'city'],
  ['taonan', 'baicheng', 'Taonan', '洮南', 'city'],
  // Heilongjiang, Liaoning, Inner Mongolia
  ['suifenhe', 'mudanjiang', 'Suifenhe', '绥芬河', 'city'],
  ['wafangdian', 'dalian', 'Wafangdian', '瓦房店', 'city'],
  ['zhuanghe', 'dalian', 'Zhuanghe', '庄河', 'city'],
  ['haicheng', 'anshan', 'Haicheng', '海城', 'city'],
  ['manzhouli', 'hulunbuir', 'Manzhouli', '满洲里', 'city'],
  ['erenhot', 'xilingol', 'Erenhot', '二连浩特', 'city', ['erlianhaote', 'erlian']],
  // Northwest
  ['dunhuang', 'jiuquan', 'Dunhuang', '敦煌', 'city'],
  ['golmud', 'haixi', 'Golmud', '格尔木', 'city', ['geermu']],
  ['shihezi', 'xinjiang', 'Shihezi', '石河子', 'city'],
  ['korla', 'bayingolin', 'Korla', '库尔勒', 'city', ['kuerle']],
  ['yining', 'ili', 'Yining', '伊宁', 'city', ['ghulja', 'gulja']],
  ['khorgos', 'ili', 'Khorgos', '霍尔果斯', 'city', ['horgos', 'huoerguosi']],
  // Hainan (administered directly by the province)
  ['wenchang', 'hainan', 'Wenchang', '文昌', 'city'],
  ['qionghai', 'hainan', 'Qionghai', '琼海', 'city'],
];

const COUNTY_SUFFIX: Readonly<Record<CountyKind, readonly [string, string]>> = {
  city: ['city', '市'],
  district: ['district', '区'],
  county: ['county', '县'],
  'new-area': ['new area', '新区'],
};

const COUNTIES: Region[] = COUNTY_ROWS.map(([id, parent, name, zh, kind, a = []]) => {
  const [en, cn] = COUNTY_SUFFIX[kind];
  return region(id, name, zh, 'county', parent, [`${name} ${en}`, `${zh}${cn}`, ...a]);
});

/** Every region of the gazetteer: provinces first, then prefecture-level cities, then counties. */
export const REGIONS: readonly Region[] = [...PROVINCES, ...CITIES, ...PREFECTURE_LEVEL_OTHER, ...COUNTIES];
