/**
 * Writes the project's labelled triage set, tests/fixtures/triage/{train,test}.jsonl, from the
 * scenarios in scripts/triage/scenarios.ts: each complaint is a scenario's wording wrapped in the
 * style of its channel (phone transcription, clerk's paraphrase, social-media post with hashtags
 * and emoji, formal letter, terse web form, English e-mail), with modifiers that change its
 * severity or crisis by DESIGN §2a (amounts, earlier complaints, escalation, regulators, media,
 * lawyers, group action) and the traps that must not (报警 alone, a threat to go to the
 * manufacturer, a negated crisis word, an ordinary post), and customers' typos. Labels are
 * decided here from the scenario and the modifiers chosen, by the rules — never by the model.
 * Clusters: several complaints about one underlying issue (same model, estate, branch or staff),
 * in different words and channels; near-misses share the detail but not the issue.
 *
 * Deterministic (seeded): `npx tsx scripts/triage/build-dataset.ts` rewrites the same files.
 * Every company, person, plate and phone number is invented.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { prng } from '../../lib/triage/linear';
import type { LabelledComplaint } from '../../lib/triage/labels';
import { scenarios, type Scenario } from './scenarios';

const rand = prng(20261207);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const carModels = ['锐途X5', '远航K3', '云帆E6', '星河S3', '驰骋T7', '凌风C5', '安途M2', '启辰V6'];
const clusterCars = ['星驰S7', '翔鹰Q8', '澜途L9', '岚风R2', '极越P5', '天穹Z9', '飞燕G3', '越影N4'];
const staffNames = ['王', '李', '赵', '孙', '周', '吴', '郑', '冯', '陈', '褚'];
const stores = ['城东店', '城西店', '高新店', '滨江店', '南湖店'];
const estates = ['阳光花园', '翠湖苑', '金桂小区', '望江公寓', '梧桐里'];
const brands: Record<Scenario['business'], string[]> = {
  car: ['恒达汽车', '顺驰4S店'],
  telecom: ['联信通信'],
  retail: ['优品数码'],
  courier: ['速通快递'],
  restaurant: ['悦来餐厅'],
  appliance: ['万家电器'],
};
const storesEn: Record<string, string> = { 城东店: 'East', 城西店: 'West', 高新店: 'Hi-Tech Park', 滨江店: 'Riverside', 南湖店: 'South Lake' };
const namesZh = ['张伟', '刘洋', '陈静', '杨帆', '黄磊', '林芳', '何军', '郭敏'];
const namesEn = ['Li Wei', 'Chen Jing', 'Mark Evans', 'Sophie Lang', 'Zhang Min', 'Peter Hall'];

function plate(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `浙${pick([...letters])}${pick([...letters])}${int(1000, 9999)}${pick([...letters])}`.slice(0, 8);
}

/** Customers' typos and homophones (applied to some Chinese complaints). */
const typos: [string, string][] = [
  ['刹车', '煞车'], ['已经', '以经'], ['投诉', '投述'], ['账单', '帐单'], ['再次', '在次'],
  ['维修', '维休'], ['态度', '太度'], ['根本', '跟本'], ['一直', '一只'], ['安装', '按装'],
];

interface Modifier {
  zh: string[];
  en: string[];
  severity?: 'important' | 'urgent';
  crisis?: boolean;
  /** the categories the modifier fits (all when absent) */
  only?: string[];
  weight: number;
}

const modifiers: Record<string, Modifier> = {
  amountLarge: { weight: 0.1, severity: 'important', only: ['quality', 'workmanship', 'price', 'parts'],
    zh: ['这一趟前后已经花了{big}元', '为这事我花了{big}块钱', '涉及金额{big}元'], en: ['I have already paid {big} yuan for this', 'This has cost me {big} yuan'] },
  escalation: { weight: 0.12, severity: 'important',
    zh: ['请你们经理出来给我一个说法', '要求赔偿我的误工损失', '请在7个工作日内书面答复我', '要求严肃处理相关人员'],
    en: ['I want to speak to the manager', 'I demand compensation for my lost time', 'Please reply in writing within 7 days'] },
  priorComplaint: { weight: 0.08, severity: 'important',
    zh: ['这件事上周已经投诉过一次了，一直没人处理', '之前已经反映过两次，还是没有结果', '这是我第二次为这个问题来找你们'],
    en: ['I already complained about this last week and nobody acted', 'This is the second time I raise this with you'] },
  manufacturerTrap: { weight: 0.05, severity: 'important',
    zh: ['再不解决我就直接投诉到厂家', '我会打厂家400电话反映这个问题'], en: ['If this is not solved I will complain to the manufacturer'] },
  policeTrap: { weight: 0.04,
    zh: ['当时气得我都想报警了', '我已经报警了，警察说让我找你们协商'], en: ['I called the police but they told me to settle it with you'] },
  negatedCrisis: { weight: 0.04,
    zh: ['我不想闹到12315，希望你们自己好好解决', '我不会去找媒体，只想要个合理的处理', '暂时不打算找律师，先看你们的态度'],
    en: ['I do not want to go to the media, I just want it fixed', 'I am not going to involve a lawyer yet'] },
  regulator: { weight: 0.05, crisis: true, severity: 'urgent',
    zh: ['我已经打了12315投诉你们', '明天就去市场监管局举报', '已经在黑猫投诉上发了帖子', '我会向消协反映', '已经向通信管理局申诉了'],
    en: ['I have filed a complaint with the 12315 consumer hotline', 'I will report you to the market regulation bureau', 'I have complained to the consumer association'] },
  media: { weight: 0.04, crisis: true, severity: 'urgent',
    zh: ['我已经联系了电视台的记者', '再不处理我就找媒体曝光你们', '都市报的记者说要来采访'], en: ['I have contacted a journalist at the local newspaper', 'I will take this to the media'] },
  spread: { weight: 0.03, crisis: true, severity: 'urgent',
    zh: ['我发的抖音视频已经有三万播放了', '这事已经上了本地热搜', '我的帖子已经被转发了五千多次'], en: ['My video about this has gone viral with thousands of shares'] },
  legal: { weight: 0.03, crisis: true, severity: 'urgent',
    zh: ['我已经请了律师，准备起诉你们', '律师函下周会寄到你们公司', '我会通过法律途径解决'], en: ['My lawyer will contact you', 'I am going to sue your company'] },
  group: { weight: 0.03, crisis: true, severity: 'urgent',
    zh: ['我们二十多位车主已经建了维权群，准备一起来店里', '这是我们十几户业主的联名投诉', '同批次的几十个车主都在群里，准备集体投诉'], en: ['Twenty of us owners have signed a joint letter'] },
};

function fill(s: string, ctx: { car: string; staff: string; days: number; small: number; big: number }): string {
  return s
    .replaceAll('{car}', ctx.car)
    .replaceAll('{staff}', ctx.staff)
    .replaceAll('{days}', String(ctx.days))
    .replaceAll('{small}', String(ctx.small))
    .replaceAll('{big}', String(ctx.big));
}

const channelsZh = ['phone', 'phone', 'walk_in', 'web', 'web', 'social', 'social', 'letter', 'email'] as const;
const channelsEn = ['email', 'email', 'web', 'social'] as const;

function wrap(channel: string, en: boolean, body: string, mods: string[], detail: string, brand: string): string {
  const m = mods.length ? (en ? ' ' : '') + mods.join(en ? '. ' : '，') + (en ? '.' : '。') : '';
  const d = detail ? (en ? ` (${detail})` : `（${detail}）`) : '';
  if (en) {
    switch (channel) {
      case 'social':
        return `${body}${d}!${m} #${pick(['fail', 'customerservice', 'neveragain'])} ${pick(['😡', '🤬', '😤😤'])}`;
      case 'web':
        return `${body}${d}.${m}`;
      default:
        return pick([
          `Dear Sir or Madam,\n\n${body}${d}.${m}\n\nRegards,\n${pick(namesEn)}`,
          `Hi, ${body}${d}.${m} Thanks, ${pick(namesEn)}`,
        ]);
    }
  }
  switch (channel) {
    case 'phone':
      return pick([
        `客户来电反映：${body}${d}。${m}`,
        `来电：客户称${body}${d}，情绪比较激动。${m}`,
        `电话录音整理：喂，你好，我跟你们说啊，${body}${d}，${m || '你们看怎么办吧。'}`,
      ]);
    case 'walk_in':
      return pick([`客户到店反映：${body}${d}。${m}`, `客户${pick(namesZh)}到前台投诉，${body}${d}。${m}`]);
    case 'social':
      return pick([
        `${body}${d}！！${m}#${brand}# ${pick(['😡😡', '🙄', '💢', '😭'])}`,
        `@${brand} ${body}${d}，气死了${pick(['🤬', '😤'])} ${m}#避雷# #吐槽#`,
      ]);
    case 'letter':
      return `尊敬的${brand}领导：\n本人${pick(namesZh)}，${body}${d}。${m}\n特此来函，望贵司重视。\n此致\n敬礼`;
    case 'email':
      return `您好：${body}${d}。${m}${pick(namesZh)}`;
    default:
      return pick([`${body}${d}。${m}`, `${body}${m ? '，' + m : ''} 车牌${plate()}`]);
  }
}

interface Cluster {
  id: string;
  scenario: Scenario;
  car: string;
  detail: { zh: string; en: string };
  staff: string;
}

function severityOf(s: Scenario, mods: Modifier[], days: number, big: boolean): string {
  if (s.safety || s.injury || s.unusable || s.mass || mods.some((m) => m.severity === 'urgent')) return 'urgent';
  if (s.repeat || s.privacy || s.humiliation || s.longWait || mods.some((m) => m.severity === 'important') || big) return 'important';
  if (/\{days\}/.test([...s.zh, ...s.en].join('')) && days > 14) return 'important';
  return 'general';
}

function make(s: Scenario, split: 'train' | 'test', cluster: Cluster | null): Omit<LabelledComplaint, 'id'> {
  const en = chance(0.1);
  const channel = en ? pick(channelsEn) : pick(channelsZh);
  // The last Chinese wording of a scenario with three or more is the test split's alone.
  const zhChoices = s.zh.length >= 3 && split === 'train' ? s.zh.slice(0, -1) : s.zh;
  const zhPick = split === 'test' && s.zh.length >= 3 && chance(0.5) ? s.zh[s.zh.length - 1] : pick(zhChoices);
  const days = pick([4, 6, 9, 12, 18, 25, 35]);
  const ctx = { car: cluster?.car ?? pick(carModels), staff: cluster?.staff ?? pick(staffNames), days, small: int(180, 880), big: int(12, 480) * 100 };
  let body = fill(en ? pick(s.en) : zhPick, ctx);
  if (!en && chance(0.15)) {
    const [a, b] = pick(typos);
    body = body.replace(a, b);
  }
  // Modifiers: each by its weight, at most two, only where it fits.
  const chosen: Modifier[] = [];
  for (const m of Object.values(modifiers)) {
    if (chosen.length >= 2) break;
    if (m.only && !m.only.includes(s.category)) continue;
    if (chance(m.weight)) chosen.push(m);
  }
  // The social channel is where crises start: more of them there, and more ordinary posts.
  if (channel === 'social' && !chosen.some((m) => m.crisis) && chance(0.15)) chosen.push(pick([modifiers.spread, modifiers.media]));
  const mods = chosen.map((m) => fill(pick(en ? m.en : m.zh), ctx));
  const brand = pick(brands[s.business]);
  const detail = cluster ? (en ? cluster.detail.en : cluster.detail.zh) : '';
  const text = wrap(channel, en, body, mods, detail, brand);
  const crisis = chosen.some((m) => m.crisis);
  const request = chance(0.75) ? (en ? pick(s.requestEn) : pick(s.request)) : '';
  return {
    text,
    request,
    channel,
    category: s.category,
    department: s.department,
    severity: severityOf(s, chosen, days, chosen.includes(modifiers.amountLarge)),
    crisis,
    cluster: cluster?.id ?? null,
  };
}

function clusters(): Cluster[] {
  const out: Cluster[] = [];
  const carScenarios = scenarios.filter((s) => s.business === 'car');
  const otherScenarios = scenarios.filter((s) => s.business !== 'car');
  for (let i = 0; i < 36; i++) {
    const s = i % 3 === 2 ? otherScenarios[i % otherScenarios.length] : carScenarios[(i * 7) % carScenarios.length];
    const car = clusterCars[i % clusterCars.length];
    const staff = staffNames[(i * 3) % staffNames.length];
    const where = s.business === 'telecom' || s.business === 'appliance' ? estates[i % estates.length] : stores[i % stores.length];
    const batch = `${2025 + (i % 2)}年${1 + (i % 12)}月`;
    const detail =
      s.business === 'car'
        ? { zh: `${car}，${batch}在${where}提的车`, en: `${car}, bought at the ${storesEn[where]} branch in ${1 + (i % 12)}/${2025 + (i % 2)}` }
        : { zh: `${where}，单号${100000 + i * 7919}`, en: `${where} (${['Sunshine Garden', 'Green Lake Court', 'Osmanthus Estate', 'Riverview Apartments', 'Wutong Lane'][i % 5]}), ref ${100000 + i * 7919}` };
    out.push({ id: `c${String(i + 1).padStart(2, '0')}`, scenario: s, car, detail, staff });
  }
  return out;
}

function build() {
  const train: Omit<LabelledComplaint, 'id'>[] = [];
  const test: Omit<LabelledComplaint, 'id'>[] = [];
  for (const c of clusters()) {
    const n = int(3, 8);
    for (let k = 0; k < n; k++) (k % 2 === 0 ? test : train).push(make(c.scenario, k % 2 === 0 ? 'test' : 'train', c));
    // A near-miss: the same detail, another problem.
    const other = pick(scenarios.filter((s) => s.business === c.scenario.business && s.id !== c.scenario.id));
    const nm = make(other, chance(0.5) ? 'test' : 'train', { ...c, scenario: other });
    nm.cluster = null;
    (chance(0.5) ? test : train).push(nm);
  }
  // Cars are most of a dealership's complaints.
  const weighted = scenarios.flatMap((s) => (s.business === 'car' ? [s, s, s] : [s]));
  while (train.length < 720) train.push(make(pick(weighted), 'train', null));
  while (test.length < 360) test.push(make(pick(weighted), 'test', null));
  return { train, test };
}

const { train, test } = build();
const dir = path.resolve(import.meta.dirname, '../../tests/fixtures/triage');
mkdirSync(dir, { recursive: true });
const write = (name: string, rows: Omit<LabelledComplaint, 'id'>[], prefix: string) =>
  writeFileSync(
    path.join(dir, name),
    rows.map((r, i) => JSON.stringify({ id: `${prefix}-${String(i + 1).padStart(4, '0')}`, ...r })).join('\n') + '\n',
  );
write('train.jsonl', train, 'tr');
write('test.jsonl', test, 'te');
console.log(`train ${train.length}, test ${test.length} → ${dir}`);
