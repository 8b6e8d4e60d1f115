// Text for the generated forms: names from faker's zh_CN/en locales, descriptions composed from a few
// hundred phrase fragments, so a two-character word such as 天窗 or 异响 matches a realistic share of
// the forms (a few per cent), not none or all of them.
import { Faker, zh_CN, en, base } from '@faker-js/faker';

const zh = new Faker({ locale: [zh_CN, base], seed: 8 });
const enF = new Faker({ locale: [en, base], seed: 8 });

const parts = [
  '天窗', '发动机', '变速箱', '空调', '刹车', '方向盘', '仪表盘', '大灯', '雨刮', '车门', '后视镜', '座椅', '音响',
  '导航', '倒车影像', '轮胎', '底盘', '悬挂', '电瓶', '车窗', '后备箱', '油箱盖', '排气管', '转向灯', '中控屏',
  '安全带', '门把手', '喇叭', '机油', '冷却液',
];
const symptoms = [
  '漏水', '有异响', '无法正常关闭', '抖动明显', '报警灯常亮', '失灵', '发热严重', '有明显划痕', '松动', '反应迟缓',
  '时好时坏', '漏油', '间歇性黑屏', '无法启动',
];
const contexts = [
  '保养后第三天', '提车不到一个月', '上周三下午', '雨天行驶时', '高速行驶时', '早上冷车启动时', '维修后第二天',
  '洗车之后', '长途出行途中', '停放一夜之后', '更换配件以后', '年检之前',
];
const service = [
  '前台接待态度冷淡', '等待时间过长', '没有人主动解释原因', '服务顾问多次推销额外项目', '结算单上多收了费用',
  '承诺的交车时间一再推迟', '电话多次无人接听', '维修记录与实际不符', '车内被弄脏', '配件迟迟没有到货',
  '工单上的项目我没有同意', '答应回电却没有回电', '预约后到店仍需排队两小时', '技师未说明更换了哪些零件',
];
const endings = [
  '希望尽快给出处理方案。', '要求免费修复。', '希望店方给个说法。', '对处理结果很不满意。', '已经是第二次出现同样问题。',
  '希望退还相关费用。', '要求更换同型号新件。', '请给出书面说明。', '希望主管亲自联系我。',
];
const requests = [
  '尽快查明原因并免费修复。', '退还多收的费用。', '更换原厂配件。', '书面道歉并改进服务。', '提供代步车。',
  '延长保修期。', '明确交车时间。', '赔偿误工损失。', '安排技术主管复检。',
];
const rootCauses = [
  '保养时插头未插到位。', '配件批次存在质量缺陷。', '接待高峰人员不足。', '技师未按作业规范操作。',
  '厂家区域仓缺货且未加急。', '服务顾问未经客户确认增加项目。', '密封条安装不到位。', '质检环节漏检。',
];

const enParts = ['sunroof', 'engine', 'gearbox', 'air conditioning', 'brake', 'steering wheel', 'headlight', 'wiper', 'door seal', 'mirror', 'seat', 'battery', 'window seal', 'exhaust', 'display', 'tyre'];
const enSymptoms = ['leaks water', 'makes a rattling noise', 'does not close', 'vibrates badly', 'shows a warning light', 'stopped working', 'overheats', 'came back scratched', 'is loose', 'fails now and then'];
const enContexts = ['three days after the service', 'a week after delivery', 'on the motorway', 'in the rain', 'after the car wash', 'on a cold morning', 'after the repair'];
const enService = ['nobody called me back', 'I waited two hours at the desk', 'the invoice had an extra item', 'the car was returned dirty', 'the delivery date slipped twice', 'the advisor was rude', 'the parts never arrived'];
const enEndings = ['Please fix it free of charge.', 'I want a written explanation.', 'This is the second time.', 'Please refund the charge.', 'I expect a call from the manager.'];

/** Deterministic pick so every run of the generator produces the same lists. */
function combos(...lists: string[][]): string[] {
  return lists.reduce<string[]>((acc, list) => acc.flatMap((a) => list.map((b) => a + b)), ['']);
}

export interface TextLists {
  zhFragments: string[];
  zhService: string[];
  zhContexts: string[];
  zhEndings: string[];
  zhRequests: string[];
  rootCauses: string[];
  enFragments: string[];
  enService: string[];
  enEndings: string[];
  zhNames: string[];
  enNames: string[];
  staffNames: string[];
  models: string[];
  provinces: string[];
}

export function textLists(): TextLists {
  // 30 parts × 14 symptoms = 420 fragments; each description uses 1–2 of them.
  const zhFragments = combos(parts, symptoms);
  const enFragments = combos(enParts, [' '], enSymptoms);
  const zhNames = Array.from({ length: 3000 }, () => zh.person.lastName() + zh.person.firstName());
  const enNames = Array.from({ length: 500 }, () => enF.person.fullName());
  const staffNames = Array.from({ length: 60 }, () => zh.person.lastName() + zh.person.firstName());
  const models = [
    '凯美瑞 2.5L', '雷凌 1.8L', '汉兰达 2.0T', 'RAV4 荣放', '卡罗拉 1.2T', '威驰 1.5L', '亚洲龙 2.0L', 'C-HR', '普拉多',
    '轩逸 1.6L', '朗逸 1.5L', '帕萨特 2.0T', '迈腾 330TSI', '思域 1.5T', 'CR-V 240TURBO', '雅阁 260TURBO', '宝来 1.5L',
    '哈弗 H6', '比亚迪 汉', '比亚迪 秦PLUS', '理想 L7', '蔚来 ES6', '小鹏 P7', 'Model 3', 'Model Y', '奥迪 A4L', '宝马 3系',
    '奔驰 C级', '别克 GL8', '五菱宏光', '长安 CS75', '吉利 星越L',
  ];
  const provinces = ['粤A', '粤B', '粤C', '粤E', '粤S', '湘A', '桂A', '闽D', '赣A', '京A', '沪A', '浙A'];
  return {
    zhFragments,
    zhService: service,
    zhContexts: contexts,
    zhEndings: endings,
    zhRequests: requests,
    rootCauses,
    enFragments,
    enService,
    enEndings,
    zhNames,
    enNames,
    staffNames,
    models,
    provinces,
  };
}
