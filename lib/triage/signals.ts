/**
 * The rule signals of DESIGN §2a, read from the text: what makes a complaint urgent, important or
 * a crisis, with the negations and traps the rules list (报警灯 is a warning light; 报警 alone is
 * calling the police, not a crisis; an ordinary social-media post is not a crisis; a threat to go
 * to the manufacturer is an escalation, not a crisis). Pure and deterministic: the classifier uses
 * each signal as a feature, and `crisisSignals` is shown to the desk as the reason for a warning.
 */
import { normalize } from './normalize';

export const signalNames = [
  // crisis (§2a: always urgent)
  'crisis_media', // threatens or has gone to the media
  'crisis_spread', // an exposure post that has spread (曝光, a video, thousands of reposts, 热搜)
  'crisis_regulator', // 12315, 消协, 市场监管局, 工信部, 通信管理局, 12345, 黑猫投诉 …
  'crisis_legal', // a lawyer or a lawsuit
  'crisis_group', // many customers acting together
  // urgent
  'safety', // safety-critical part or hazard
  'injury', // injury or illness
  'unusable', // cannot drive/start/charge/open now
  'in_workshop', // … but the product is already waiting in our workshop
  'mass', // a mass problem affecting a community
  // important
  'amount_large', // a disputed amount of at least 1,000 元
  'amount_small', // an amount under 1,000 元
  'repeat', // persists after an earlier repair, visit or complaint
  'wait_long', // an unresolved wait of more than about two weeks
  'escalation', // asks for a manager or the manufacturer, a deadline, compensation, discipline
  'privacy', // personal data exposed
  'humiliation', // staff humiliating or discriminating
  // traps (features that are NOT crisis by themselves)
  'police', // 报警 alone
  'warning_light', // 报警灯 / a warning light
  'social_post', // an ordinary social-media post
  'manufacturer', // a threat to complain to the manufacturer
  'negated_crisis', // a crisis word under a negation ("不会去找媒体")
] as const;
export type SignalName = (typeof signalNames)[number];

export const crisisSignalNames: readonly SignalName[] = ['crisis_media', 'crisis_spread', 'crisis_regulator', 'crisis_legal', 'crisis_group'];

/** Chinese and English negations that may stand shortly before a crisis word. */
const zhNegation =
  /((不会|不想|不打算|不准备|不至于|没有|没打算|并未|并没有?|未曾|无意|不愿意?|不需要|不必|不用)[^，。！？,.!?]{0,4}|(不|没|别)(去|找|打|报|告|闹|上|想|会|要|用|必)[^，。！？,.!?]{0,3})$/;
const enNegation =
  /\b(not|never|won't|wouldn't|don't|didn't|do not|will not|no intention of|no need to|rather not)\b( (yet|going|planning|want|wish|intend(ing)?)( to)?)?( (go(ing)? to|contact(ing)?|call(ing)?|involv(e|ing)|get(ting)?|bring(ing)? in|tak(e|ing) (this|it) to|post(ing)?( it)? (on|to)|want))?( the| a| my| any| to)?\s*$/;

function negated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  return zhNegation.test(before.slice(-10)) || enNegation.test(before);
}

/** Every match of `re` (global) that no negation governs. */
function affirmed(text: string, re: RegExp): { hit: boolean; negatedHit: boolean } {
  let hit = false;
  let negatedHit = false;
  for (const m of text.matchAll(re)) {
    if (negated(text, m.index ?? 0)) negatedHit = true;
    else hit = true;
  }
  return { hit, negatedHit };
}

const patterns = {
  crisis_media:
    /(记者|媒体|电视台|报社|新闻热线|新闻|晚报|都市报|日报|栏目组|焦点访谈|调查栏目|reporters?\b|journalists?|\bthe media\b|\bmedia\b|\bpress\b|newspaper|tv station|television|news (channel|desk|station))/g,
  crisis_spread:
    /(曝光|热搜|上万|几千|数千|\d{4,}\s*(次|个)?\s*(转发|转载|点赞|播放|评论|浏览)|转发(了|量)?\s*(过|超过|破)?\s*(\d{3,}|上千|上万|几千|几万)|(拍|录|发|上传)[^，。！？,.!?]{0,8}视频|视频[^，。！？,.!?]{0,6}(发到|发在|上传|传到|火了|播放)|刷屏|爆料|全网|网友(都|纷纷)|\bviral\b|trending|\bexpos(e|ed|ing|ure)\b|thousands of (shares|reposts|retweets|views|likes)|\d{4,} (shares|reposts|retweets|views)|posted (a |the )?video|uploaded (a |the )?video)/g,
  crisis_regulator:
    /(12315|12345|12331|消协|消费者协会|消保委|市场监管|市场监督|工商局|质监局|工信部|通信管理局|电信申诉|邮政管理局|食药监|卫健委|黑猫投诉|黑猫|人民网留言|领导留言板|信访|regulator|consumer (council|association|protection (bureau|authority|commission))|market (regulation|supervision)|\bsamr\b|\bmiit\b|black cat complaint|ombudsman)/g,
  crisis_legal:
    /(律师|起诉|诉讼|法院|打官司|律师函|法律途径|法律手段|仲裁|公堂|\blawyers?\b|attorney|solicitor|\bsue\b|\bsuing\b|lawsuit|legal action|\bcourt\b|litigation|arbitration)/g,
  crisis_group:
    /(维权群|维权|联名|集体投诉|集体|群诉|业主群|车主群|一起来(店|公司|门店|讨说法)|一群(人|车主|客户|业主)|几十(个|位|名)(车主|客户|用户|业主)|(十|二十|三十|\d{2,})多?(个|位|名)(车主|客户|用户|业主)|多(位|名)车主(一起|联合|集体)|joint letter|group of (owners|customers|us|residents)|(dozen|dozens|twenty|thirty|\d{2,}) (of us|owners|customers)|class action|we (owners|customers) (have|are) (organi[sz]ed|united|joined))/g,
} satisfies Record<string, RegExp>;

const safety =
  /(刹车|制动|刹不住|转向|方向盘(发|抖|沉|卡|锁|失灵|跑偏)|跑偏|悬挂|减震|球头|摆臂|轮胎(鼓包|爆|起包|漏气)|爆胎|轮毂|螺丝(松|掉)|气囊|安全带|儿童锁|防夹|夹(手|到)|失去动力|动力中断|熄火|自动加速|突然加速|暴冲|自己加速|突然(刹车|制动)|冒烟|起火|着火|自燃|烧焦|焦糊|糊味|烧了|漏电|触电|电到|电池鼓包|鼓包|膨胀|爆炸|砸到|掉下来|坠落|脱落|松动(的)?(吊顶|灯)|水温(过)?高[^，。]{0,8}漏|过热[^，。]{0,8}漏|\bbrakes?\b|braking|steering|suspension|\btyre (blow|burst)|\bblow-?out\b|wheel (nut|came|fell|wobbl)|airbags?|seat ?belts?|child lock|anti-pinch|lost power|loss of power|power cut out|stalled (on|in) the (road|highway|motorway)|stall(s|ed)? while driving|accelerat(ed|es|ing) (by itself|on its own|suddenly)|sudden(ly)? accelerat|smoke|smoking|\bfire\b|caught fire|burning smell|smell of burning|electric shock|shocked me|swell(ing|ed|s)? battery|battery (is )?swell|fell (off|down)|could fall|overheat(ing|ed)?[^,.]{0,20}leak)/g;
const injury =
  /(受伤|受了伤|划伤|割伤|烫伤|烧伤|砸伤|夹伤|骨折|流血|住院|送医|去医院|看急诊|急诊|食物中毒|中毒|拉肚子|腹泻|呕吐|上吐下泻|过敏|injur(ed|y|ies)|\bhurt\b|bleeding|hospital|emergency room|food poisoning|poisoned|vomit|diarrh|allergic reaction)/g;
const unusable =
  /(打不着|打不着火|无法启动|启动不了|不能启动|点不着|趴窝|抛锚|开不了|开不走|没法开|不能开|不敢开|充不上电|无法充电|充不进电|不能充电|打不开(车门|门|后备箱)?|锁在(车)?里|不能上路|无法上路|没法上路|上不了路|没有牌照|没上牌|临牌(过期|到期)|断网|没有网|没网|上不了网|没信号|无信号|打不了电话|开不了机|无法开机|不开机|黑屏|不制冷|不出热水|停水停电|用不了|无法使用|不能用|won'?t start|will not start|does ?n[o']t start|cannot start|can'?t start|doesn'?t start|fails to start|stranded|broke down|broken down|cannot charge|can'?t charge|won'?t charge|will not charge|won'?t open|cannot open|can'?t open|locked out|cannot be driven|can'?t drive|cannot drive|no signal|no internet|no service|internet (is )?(down|dead)|won'?t turn on|does ?n[o']t turn on|not working at all|completely dead|unusable)/g;
const inWorkshop =
  /(车(还)?(在|放在|停在|留在)(你们|贵)?(店|厂|4s店|店里|车间|维修站|维修厂|服务站)|(在|放在|停在)(你们|贵)(店|公司|车间|维修站)[^，。]{0,6}(等|放|停|修)|still (at|in) your (workshop|garage|shop|service cent(er|re))|sitting in your (workshop|garage)|left (it|the car) (at|with) (you|your))/g;
const mass =
  /(整个小区|整栋楼|整栋|全小区|整片|一片区域|大面积|片区|整条街|全楼|很多(用户|客户|住户|邻居)都|好多(人|用户|邻居)|邻居(们)?也|多位(客户|顾客|用户)|同桌的人都|一桌人|同事都|whole (building|estate|community|neighbou?rhood|street)|entire (building|estate|neighbou?rhood)|many (residents|customers|users|neighbou?rs)|all (the )?(neighbou?rs|residents)|several (of us|customers|people))/g;
const repeat =
  /(又|再次|再一次|第[二三四五六2-6]次|第[二三四五六2-6]回|[两三四五几2-5]次(了|都|还|修|返|去)|修了[两三四五几2-5]次|反复|屡次|多次|一直没(修好|解决|处理)|还是没(修好|解决|好)|仍然|依然|依旧|老毛病|旧病复发|又犯了|又出现|复发|上次(修|投诉|反映|来)|上回|之前(修|投诉|反映)过|again|second time|third time|fourth time|\b(twice|three times|several times|many times)\b|still (not|isn'?t|hasn'?t|broken|leaking|there|happening)|keeps? (happening|coming back|failing|breaking)|came back|come back after|recurr|same (problem|fault|issue) (as|again)|previous(ly)? (repair|complain)|last (repair|visit|complaint))/g;
const escalation =
  /(经理|店长|领导|负责人|总经理|老板|上级|主管出来|赔偿|索赔|赔钱|赔我|补偿|精神损失|退一赔三|假一赔|处分|处理(那个|这个|该)|开除|辞退|严肃处理|严惩|给个说法|讨说法|限期|\d+\s*(天|日|个工作日)内(给|答复|回复|处理)|书面答复|正式(投诉|函)|manager|supervisor|\bboss\b|head office|compensat|reimburse me for|damages|disciplin|fire (him|her|them|the)|formal (complaint|letter|notice)|within \d+ (days|working days)|deadline|escalat)/g;
const manufacturer = /(厂家|厂方|主机厂|品牌方|总部|400热线|400电话|客服总部|manufacturer|the brand|head ?quarters|corporate)/g;
const privacy =
  /(个人信息|隐私|泄露|泄漏|信息被(卖|泄)|身份证(复印件|照片)?(被|给)|骚扰电话[^，。]{0,6}(知道|有)我|personal (data|information|details)|privacy|data (leak|breach)|leaked my|my (id|number|address) (was|got) (leaked|shared|sold))/g;
const humiliation =
  /(侮辱|辱骂|骂我|骂人|歧视|看不起|瞧不起|嘲笑|羞辱|人格|穷鬼|乡下人|凭什么看不起|insult(ed|ing)?|humiliat|discriminat|racist|sexist|mocked|swore at me|called me (a |an )?\w+)/g;
const police = /(报警(?!灯|器|声|提示|信息|响)|报了警|找警察|打110|110来|叫了警察|called the police|call the police|police report)/g;
const warningLight =
  /(报警灯|警示灯|故障灯|报警提示|报警声|仪表(盘)?(上)?(报|亮|提示)|亮(了)?(黄|红)灯|发动机灯|胎压报警|warning light|check engine|dashboard light|engine light|indicator (light|came on))/g;
const socialPost =
  /(微博|朋友圈|小红书|抖音|快手|知乎|贴吧|论坛|大众点评|点评网|#[^#\s]{1,30}#|发帖|帖子|weibo|wechat moments|twitter|\bx\.com|facebook|instagram|tiktok|xiaohongshu|\bposted\b|\bpost\b|#\w+)/g;

/** Amounts in 元 (also 块, rmb, yuan, ¥, 万/千), the largest one mentioned. */
export function largestAmount(text: string): number | null {
  const t = normalize(text);
  let best: number | null = null;
  const re =
    /(?:¥|￥|rmb\s*|cny\s*)\s*(\d+(?:[.,]\d+)*)\s*(万|千|k\b)?|(\d+(?:[.,]\d+)*)\s*(万|千|k)?\s*(?:多)?\s*(元|块钱|块|rmb|yuan|cny)|([一二两三四五六七八九十百千万]+)\s*(元|块钱|块)/g;
  for (const m of t.matchAll(re)) {
    let value: number;
    if (m[6]) value = chineseNumber(m[6]);
    else {
      const raw = (m[1] ?? m[3] ?? '').replace(/,/g, '');
      value = Number(raw);
      const unit = m[2] ?? m[4];
      if (unit === '万') value *= 10_000;
      else if (unit === '千' || unit === 'k') value *= 1000;
    }
    if (Number.isFinite(value) && (best === null || value > best)) best = value;
  }
  return best;
}

const digits: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 三千五百 → 3500, 两万 → 20000, 十 → 10 (the forms customers write; no 亿). */
export function chineseNumber(s: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in digits) digit = digits[ch];
    else if (ch in units) {
      section += (digit || 1) * units[ch];
      digit = 0;
    } else if (ch === '万') {
      total += (section + digit) * 10_000;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

const zhNum: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5, 几: 3 };

/** The longest wait mentioned, in days (天/周/星期/礼拜/月, days/weeks/months). */
export function longestWaitDays(text: string): number | null {
  const t = normalize(text);
  let best: number | null = null;
  const re = /(\d+|[一二两三四五六七八九十半几]+)\s*(个)?\s*(多)?\s*(天|日|周|星期|礼拜|月|days?|weeks?|months?)/g;
  for (const m of t.matchAll(re)) {
    const n = /\d/.test(m[1]) ? Number(m[1]) : [...m[1]].reduce((a, c) => (c === '十' ? (a || 1) * 10 : a + (zhNum[c] ?? 0)), 0);
    const unit = m[4];
    const days = /^(周|星期|礼拜|week)/.test(unit) ? n * 7 : /^(月|month)/.test(unit) ? n * 30 : n;
    if (best === null || days > best) best = days;
  }
  for (const m of t.matchAll(/(半个月|a month|a few weeks|several weeks|half a month)/g)) {
    const days = m[1] === 'a month' ? 30 : m[1] === '半个月' || m[1] === 'half a month' ? 15 : 21;
    if (best === null || days > best) best = days;
  }
  return best;
}

/** The signals a text carries (each at most once), with crisis words under a negation set aside. */
export function signals(text: string): Set<SignalName> {
  const t = normalize(text);
  const out = new Set<SignalName>();
  for (const [name, re] of Object.entries(patterns) as [SignalName, RegExp][]) {
    const { hit, negatedHit } = affirmed(t, re);
    if (hit) out.add(name);
    if (negatedHit) out.add('negated_crisis');
  }
  // 曝光 under a negation is caught above; "视频" of a fault shown to us is not a spread post, but
  // the classifier weighs that: the rule only says a video was posted.
  const has = (re: RegExp) => {
    re.lastIndex = 0;
    return re.test(t);
  };
  if (has(safety)) out.add('safety');
  if (has(injury)) out.add('injury');
  if (has(unusable)) out.add('unusable');
  if (has(inWorkshop)) out.add('in_workshop');
  if (has(mass)) out.add('mass');
  if (has(repeat)) out.add('repeat');
  if (has(escalation)) out.add('escalation');
  if (has(manufacturer)) {
    // §2a: asking for the manufacturer is an escalation (important), never a crisis by itself.
    out.add('manufacturer');
    out.add('escalation');
  }
  if (has(privacy)) out.add('privacy');
  if (has(humiliation)) out.add('humiliation');
  if (has(police)) out.add('police');
  if (has(warningLight)) out.add('warning_light');
  if (has(socialPost)) out.add('social_post');
  const amount = largestAmount(t);
  if (amount !== null) out.add(amount >= 1000 ? 'amount_large' : 'amount_small');
  const wait = longestWaitDays(t);
  if (wait !== null && wait > 14) out.add('wait_long');
  return out;
}

/** The crisis signals of a text: non-empty means the desk is warned (DESIGN §2a). */
export function crisisSignals(text: string): SignalName[] {
  const s = signals(text);
  return crisisSignalNames.filter((n) => s.has(n));
}
