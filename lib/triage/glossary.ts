/**
 * A bilingual glossary of the domain's parts, faults and requests: each concept is a token that
 * both languages' words map to, so that "sunroof leak" meets 天窗漏水 in the classifier and in
 * similar complaints. Matched on normalized text (lib/triage/normalize.ts); English stems are
 * matched as word prefixes.
 */
const concepts: Record<string, { zh: string[]; en: string[] }> = {
  sunroof: { zh: ['天窗'], en: ['sunroof', 'moonroof'] },
  leak: { zh: ['漏水', '渗水', '进水', '漏油', '渗油', '漏液', '漏'], en: ['leak', 'seep', 'drip'] },
  water: { zh: ['水'], en: ['water', 'rain'] },
  brake: { zh: ['刹车', '制动', '刹不住'], en: ['brake', 'braking'] },
  steering: { zh: ['方向盘', '转向'], en: ['steering'] },
  engine: { zh: ['发动机', '引擎', '马达'], en: ['engine', 'motor'] },
  gearbox: { zh: ['变速箱', '变速器', '换挡', '挡位', '顿挫'], en: ['gearbox', 'transmission', 'gear', 'jerk'] },
  battery: { zh: ['电池', '电瓶', '蓄电池'], en: ['battery'] },
  charging: { zh: ['充电', '充电桩', '充不上'], en: ['charg'] },
  aircon: { zh: ['空调', '冷气', '暖风', '制冷'], en: ['air con', 'aircon', 'a/c', 'air-con', 'air conditioning', 'ac ', 'cooling'] },
  noise: { zh: ['异响', '响声', '噪音', '噪声', '咔咔', '吱吱', '嗡嗡', '哒哒'], en: ['noise', 'rattl', 'squeak', 'knock', 'clunk', 'hum', 'whin'] },
  paint: { zh: ['油漆', '漆面', '车漆', '掉漆', '喷漆', '补漆'], en: ['paint'] },
  scratch: { zh: ['划痕', '刮花', '划伤', '刮伤', '剐蹭', '凹陷', '磕碰'], en: ['scratch', 'dent', 'scuff'] },
  dirty: { zh: ['脏', '油污', '手印', '烟头', '泥'], en: ['dirt', 'dirty', 'grease', 'stain', 'mud'] },
  window: { zh: ['车窗', '玻璃', '挡风'], en: ['window', 'windscreen', 'windshield', 'glass'] },
  door: { zh: ['车门', '门锁', '门把'], en: ['door'] },
  tyre: { zh: ['轮胎', '胎压', '轮毂', '爆胎'], en: ['tyre', 'tire', 'wheel', 'puncture'] },
  oil: { zh: ['机油', '保养', '滤芯', '机滤'], en: ['oil', 'servic', 'filter', 'mainten'] },
  coolant: { zh: ['防冻液', '冷却液', '水温'], en: ['coolant', 'antifreez', 'temperatur'] },
  screen: { zh: ['屏幕', '中控', '大屏', '车机', '黑屏', '死机'], en: ['screen', 'display', 'infotain', 'freez'] },
  light: { zh: ['大灯', '车灯', '灯'], en: ['headlight', 'headlamp', 'lamp', 'light'] },
  airbag: { zh: ['气囊'], en: ['airbag'] },
  seatbelt: { zh: ['安全带'], en: ['seat belt', 'seatbelt'] },
  smoke: { zh: ['冒烟', '起火', '着火', '焦糊', '烧焦', '自燃'], en: ['smoke', 'fire', 'burn'] },
  start: { zh: ['打不着', '启动', '点火'], en: ['start', 'ignit'] },
  phone: { zh: ['手机'], en: ['phone', 'handset', 'smartphone'] },
  laptop: { zh: ['笔记本', '电脑'], en: ['laptop', 'notebook', 'computer'] },
  broadband: { zh: ['宽带', '网速', '断网', '光猫', '路由器', 'wifi'], en: ['broadband', 'internet', 'wifi', 'router', 'modem'] },
  signal: { zh: ['信号', '通话', '掉线'], en: ['signal', 'call drop', 'dropped call', 'reception'] },
  fridge: { zh: ['冰箱', '冰柜'], en: ['fridge', 'refrigerat', 'freezer'] },
  washer: { zh: ['洗衣机'], en: ['washing machine', 'washer'] },
  heater: { zh: ['热水器'], en: ['water heater', 'boiler'] },
  install: { zh: ['安装', '装机', '上门'], en: ['install', 'fitting', 'fitted'] },
  parcel: { zh: ['快递', '包裹', '快件', '派送', '签收', '运单'], en: ['parcel', 'package', 'courier', 'shipment', 'tracking'] },
  food: { zh: ['菜', '饭', '餐', '外卖', '食物', '汤'], en: ['food', 'meal', 'dish', 'soup', 'takeaway'] },
  hygiene: { zh: ['头发', '虫子', '苍蝇', '蟑螂', '变质', '馊', '过期'], en: ['hair', 'bug', 'fly', 'cockroach', 'spoil', 'expired', 'rotten'] },
  invoice: { zh: ['发票', '开票', '税票'], en: ['invoice', 'receipt', 'vat'] },
  refund: { zh: ['退款', '退钱', '退费', '返还', '退差价'], en: ['refund', 'money back', 'repay'] },
  bill: { zh: ['账单', '结算单', '收费', '扣费', '多收', '乱收费', '费用', '工时费'], en: ['bill', 'charg', 'fee', 'invoice', 'labour cost', 'labor cost'] },
  overcharge: { zh: ['多收', '乱收费', '重复收费', '多扣', '扣了两次', '加价', '强制消费', '捆绑'], en: ['overcharg', 'double charg', 'charged twice', 'hidden fee', 'add-on', 'markup', 'mark-up'] },
  price: { zh: ['价格', '差价', '报价', '优惠', '降价', '贵'], en: ['price', 'quote', 'discount', 'expensiv', 'cheaper'] },
  rude: { zh: ['态度', '不耐烦', '爱答不理', '凶', '吼', '骂', '甩脸', '冷漠', '敷衍', '推诿', '不理'], en: ['rude', 'impolit', 'ignor', 'dismissiv', 'shout', 'yell', 'arrogant', 'unfriendl'] },
  callback: { zh: ['回电', '回电话', '回复', '没人联系', '不接电话', '联系不上'], en: ['call back', 'callback', 'never called', 'no reply', 'not answer', 'reply'] },
  promise: { zh: ['承诺', '答应', '说好', '保证'], en: ['promis', 'assur', 'guarant'] },
  pushy: { zh: ['强行推销', '推销', '强卖', '逼我买', '硬塞'], en: ['pushy', 'pressure', 'upsell', 'hard sell'] },
  delay: { zh: ['延误', '拖延', '推迟', '迟迟', '一直没', '还没到', '晚了', '迟到', '超时', '等了', '拖'], en: ['delay', 'late', 'overdue', 'waiting', 'still not', 'postpon'] },
  appointment: { zh: ['预约', '约好', '约了'], en: ['appointment', 'booking', 'booked'] },
  delivery: { zh: ['交车', '提车', '交付', '到货', '送货', '配送'], en: ['deliver', 'handover', 'pick up', 'pickup'] },
  papers: { zh: ['合格证', '行驶证', '上牌', '牌照', '临牌', '手续', '登记证'], en: ['registration', 'number plate', 'paperwork', 'papers', 'certificate', 'licence plate', 'license plate'] },
  sparepart: { zh: ['配件', '零件', '备件', '零部件'], en: ['part', 'spare', 'component'] },
  backorder: { zh: ['缺货', '没货', '订货', '调货', '等件', '等配件', '断货', '没配件'], en: ['out of stock', 'back order', 'backorder', 'back-order', 'on order', 'no stock'] },
  fake: { zh: ['副厂', '假件', '拆车件', '翻新', '非原厂', '二手件', '旧件', '假货'], en: ['non-genuine', 'not genuine', 'counterfeit', 'fake', 'aftermarket', 'used part', 'refurbish'] },
  wrongpart: { zh: ['装错', '发错', '型号不对', '不匹配', '错件'], en: ['wrong part', 'wrong model', 'does not fit', "doesn't fit", 'incorrect part'] },
  repairagain: { zh: ['修过', '返修', '修了', '又坏', '没修好', '修完'], en: ['repaired', 'fixed', 'after the repair', 'after repair', 'returned'] },
  loose: { zh: ['松动', '没拧紧', '没装好', '脱落', '装反'], en: ['loose', 'not tightened', 'fell off', 'came off'] },
  wrongfluid: { zh: ['加错', '用错'], en: ['wrong oil', 'wrong fluid', 'wrong coolant'] },
  loaner: { zh: ['代步车', '替换车'], en: ['loaner', 'courtesy car', 'replacement car'] },
  parking: { zh: ['停车', '车位', '停车场', '洗手间', '厕所', '休息区', 'wifi密码', '空调太冷'], en: ['parking', 'car park', 'toilet', 'lounge', 'waiting area'] },
  belongings: { zh: ['丢了', '丢失', '不见了', '物品', '东西', '行车记录仪', '钱包'], en: ['missing', 'lost', 'belongings', 'wallet', 'dashcam', 'stolen'] },
  privacy: { zh: ['个人信息', '隐私', '泄露', '骚扰电话', '推销电话', '短信'], en: ['privacy', 'personal data', 'leak', 'spam', 'marketing call', 'text message', 'sms'] },
  salesperson: { zh: ['销售', '销售顾问', '卖车', '买车'], en: ['salesman', 'salesperson', 'sales consultant', 'sales rep', 'bought the car', 'buying'] },
  advisor: { zh: ['服务顾问', '接待', '前台', '售后', '客服', '师傅', '技师'], en: ['advisor', 'adviser', 'reception', 'front desk', 'technician', 'mechanic', 'customer service', 'agent'] },
  cashier: { zh: ['收银', '财务', '收款'], en: ['cashier', 'finance', 'accounts'] },
  partscounter: { zh: ['配件部', '配件柜台', '备件部'], en: ['parts counter', 'parts desk', 'parts department'] },
  driver: { zh: ['快递员', '司机', '配送员', '送货员', '骑手', '小哥'], en: ['courier', 'driver', 'delivery man', 'delivery guy', 'rider'] },
  newcar: { zh: ['新车', '提车', '订车', '定金', '首付', '贷款', '金融'], en: ['new car', 'deposit', 'down payment', 'financing', 'loan'] },
  insurance: { zh: ['保险', '续保'], en: ['insurance'] },
  warranty: { zh: ['保修', '三包', '质保', '索赔'], en: ['warranty', 'guarantee'] },
};

const entries: { concept: string; term: string; en: boolean }[] = [];
for (const [concept, { zh, en }] of Object.entries(concepts)) {
  for (const term of zh) entries.push({ concept, term, en: false });
  for (const term of en) entries.push({ concept, term, en: true });
}

/** The concepts a normalized text mentions (each once), in glossary order. */
export function glossaryConcepts(text: string): string[] {
  const out = new Set<string>();
  for (const { concept, term, en } of entries) {
    if (out.has(concept)) continue;
    if (en) {
      const i = text.indexOf(term);
      if (i >= 0 && (i === 0 || !/[a-z]/.test(text[i - 1]))) out.add(concept);
    } else if (text.includes(term)) out.add(concept);
  }
  return [...out];
}
