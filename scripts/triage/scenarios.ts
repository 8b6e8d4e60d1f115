/**
 * The scenarios behind the project's labelled triage set (tests/fixtures/triage/): each is one
 * kind of complaint with its labels decided by DESIGN §2a, told in several Chinese and English
 * wordings. The last Chinese wording of each is kept for the test split only, so the test set
 * asks the model about wordings it never saw. Every company, person, plate and phone number in
 * the placeholders is invented (scripts/triage/build-dataset.ts fills them).
 *
 * Placeholders: {car} a car model, {staff} a staff member's surname, {store} a branch,
 * {days} a short wait in days, {small} an amount under 1,000 元.
 */
export interface Scenario {
  id: string;
  business: 'car' | 'telecom' | 'retail' | 'courier' | 'restaurant' | 'appliance';
  category: string;
  department: string;
  /** §2a urgent facts the wording itself states */
  safety?: boolean;
  injury?: boolean;
  unusable?: boolean;
  mass?: boolean;
  /** §2a important facts the wording itself states */
  repeat?: boolean;
  privacy?: boolean;
  humiliation?: boolean;
  longWait?: boolean;
  zh: string[];
  en: string[];
  /** what the customer asks for (the form's request field) */
  request: string[];
  requestEn: string[];
}

export const scenarios: Scenario[] = [
  // ——— quality: the product itself is defective ———
  {
    id: 'sunroof-leak', business: 'car', category: 'quality', department: 'quality',
    zh: ['{car}新车才开两个月，下雨天天窗漏水，车顶内饰都湿了', '天窗密封条有问题，一下雨水就顺着A柱往下流，座椅全湿', '我的{car}天窗渗水，洗车后顶棚滴水，车里一股霉味', '买的{car}一淋雨车顶就往里进水，头顶的灯里都有水珠'],
    en: ['My new {car} sunroof leaks whenever it rains, the headliner is soaked', 'Water drips from the sunroof of my {car} after every car wash'],
    request: ['免费修好天窗', '更换天窗总成', '检测并维修'], requestEn: ['Fix the sunroof free of charge', 'Replace the sunroof seal'],
  },
  {
    id: 'brake-noise', business: 'car', category: 'quality', department: 'quality', safety: true,
    zh: ['{car}刹车的时候有很响的异响，踩下去还发软，感觉刹不住', '车子制动距离变长，刹车踏板发软，高速上吓死人', '刹车一踩就吱吱响，而且方向盘抖，{car}才跑了八千公里', '踩煞车感觉软绵绵的，差点追尾前车，这车制动有毛病'],
    en: ['The brakes on my {car} squeal loudly and the pedal feels soft, it barely stops', 'Braking distance of my {car} got much longer, the pedal sinks, it is dangerous'],
    request: ['彻底检查刹车系统', '更换刹车部件'], requestEn: ['Inspect the braking system now', 'Replace the brake parts'],
  },
  {
    id: 'stall-driving', business: 'car', category: 'quality', department: 'quality', safety: true,
    zh: ['开在高架上{car}突然熄火，失去动力，方向盘也变沉了', '车子行驶中动力中断，仪表全黑，差点被后车撞上', '昨天在路上开着开着车就熄火了，后面的车差点追尾', '跑高速时发动机突然没了动力，只能靠边停车'],
    en: ['My {car} lost power on the highway and the steering went heavy', 'The engine cut out while I was driving at 80 km/h, I nearly got rear-ended'],
    request: ['查明原因并彻底解决', '换车'], requestEn: ['Find the cause and fix it', 'Replace the car'],
  },
  {
    id: 'wont-start', business: 'car', category: 'quality', department: 'quality', unusable: true,
    zh: ['早上{car}打不着火，仪表盘报警灯全亮，现在人在停车场没法上班', '车子无法启动，按一键启动没反应，我被困在公司楼下', '新买的{car}今天早上启动不了，电瓶也是新的，急着送孩子上学', '车在小区趴窝了，打了几次都打不着，等着用车'],
    en: ['My {car} will not start this morning, all the warning lights are on and I am stuck at home', 'The car won\'t start, the push button does nothing, I am stranded in a car park'],
    request: ['尽快派人救援', '上门处理'], requestEn: ['Send someone to help today', 'Tow the car and fix it'],
  },
  {
    id: 'ev-charge', business: 'car', category: 'quality', department: 'quality', unusable: true,
    zh: ['{car}电动版充不上电，插上充电枪就跳闸，明天还要出差', '家里充电桩和公共快充都充不进电，车机提示充电系统故障，现在电量只剩5%', '电车无法充电，仪表提示动力电池故障，车已经开不了了'],
    en: ['My electric {car} cannot charge at home or at public chargers, battery is at 5 percent', 'The EV refuses to charge and shows a charging system fault, I cannot drive it'],
    request: ['尽快修好', '提供代步车'], requestEn: ['Fix it urgently', 'Give me a replacement car'],
  },
  {
    id: 'warning-light', business: 'car', category: 'quality', department: 'quality',
    zh: ['{car}仪表盘上的发动机报警灯时亮时灭，开起来倒没什么感觉', '胎压报警灯老是亮，四个轮胎打气都正常，麻烦查一下传感器', '最近仪表上一直亮黄色故障灯，车能正常开，但看着心烦', '报警灯亮了好几天，车子开着没异常，想知道是哪里的问题'],
    en: ['The check engine light on my {car} keeps coming on, the car drives fine', 'The tyre pressure warning light is always on although the tyres are fine'],
    request: ['检查故障灯原因', '消除故障'], requestEn: ['Check why the light is on', 'Clear the fault'],
  },
  {
    id: 'aircon-weak', business: 'car', category: 'quality', department: 'quality',
    zh: ['{car}空调制冷效果很差，开最大档出来的风还是热的', '夏天开空调感觉不凉，出风口有股霉味', '车里空调不制冷了，才买了半年的{car}', '冷气吹不冷，坐后排的孩子热得直哭'],
    en: ['The air conditioning in my {car} blows warm air even on max', 'A/C is barely cooling and smells musty'],
    request: ['检修空调', '免费加氟'], requestEn: ['Repair the air conditioning'],
  },
  {
    id: 'gearbox-jerk', business: 'car', category: 'quality', department: 'quality',
    zh: ['{car}低速换挡顿挫很明显，一挡升二挡的时候会往前一冲', '变速箱在堵车时一顿一顿的，开起来很不舒服', '换挡冲击感特别强，变速器是不是有问题', '起步的时候变速箱咔哒一声然后车往前窜一下'],
    en: ['The gearbox on my {car} jerks badly between first and second gear', 'Transmission shifts harshly in traffic'],
    request: ['检查变速箱', '升级变速箱程序'], requestEn: ['Check the transmission'],
  },
  {
    id: 'infotainment', business: 'car', category: 'quality', department: 'quality',
    zh: ['{car}中控大屏经常死机黑屏，导航和倒车影像都用不了', '车机系统老是卡死重启，蓝牙也连不上手机', '中控屏幕隔三差五就黑屏，只能熄火重启才好', '车机反应特别慢，倒车影像要等半分钟才出来'],
    en: ['The infotainment screen of my {car} freezes and goes black, no reversing camera', 'The centre display keeps rebooting and bluetooth will not connect'],
    request: ['升级或更换车机', '维修'], requestEn: ['Update or replace the head unit'],
  },
  {
    id: 'paint-defect', business: 'car', category: 'quality', department: 'quality',
    zh: ['新提的{car}车门上有一块漆面起泡，明显是出厂就有的', '车漆有色差，前保险杠和车身颜色不一样', '{car}引擎盖上的漆像橘子皮，还有小颗粒，这是新车吗'],
    en: ['The paint on the door of my brand new {car} is bubbling', 'There is a colour mismatch between the bumper and the body'],
    request: ['重新喷漆', '更换部件'], requestEn: ['Repaint the panel'],
  },
  {
    id: 'airbag-light', business: 'car', category: 'quality', department: 'quality', safety: true,
    zh: ['{car}安全气囊故障灯一直亮着，怕出事的时候气囊不弹', '仪表提示气囊系统故障，家里老人小孩天天坐这个车', '主驾驶安全带卡住拉不出来，副驾的也回不去'],
    en: ['The airbag fault light on my {car} stays on, I worry it will not deploy', 'The driver seat belt jams and will not pull out'],
    request: ['立即检查气囊系统'], requestEn: ['Check the airbag system now'],
  },
  {
    id: 'burning-smell', business: 'car', category: 'quality', department: 'quality', safety: true,
    zh: ['{car}开了一会儿发动机舱冒烟，还有很重的焦糊味', '车里闻到一股烧焦的味道，停下来看到前面在冒白烟', '行驶中空调出风口有烧塑料的味道，吓得赶紧停车', '引擎盖底下冒烟了，还有一股糊味'],
    en: ['Smoke came out from under the bonnet of my {car} with a burning smell', 'There is a strong burning plastic smell in the cabin while driving'],
    request: ['查明冒烟原因'], requestEn: ['Find out why it smoked'],
  },
  {
    id: 'broadband-down', business: 'telecom', category: 'quality', department: 'quality', unusable: true,
    zh: ['家里宽带断网三天了，光猫红灯一直闪，孩子上网课都上不了', '宽带一点网都没有，报修了说会来人，到现在没人联系', '光纤宽带完全上不了网，在家办公全耽误了'],
    en: ['Our broadband has been completely down for three days, the router shows a red light', 'No internet at all at home, I work from home and cannot work'],
    request: ['尽快恢复网络', '减免月租'], requestEn: ['Restore the service today', 'Waive this month\'s fee'],
  },
  {
    id: 'broadband-slow', business: 'telecom', category: 'quality', department: 'quality',
    zh: ['办的500兆宽带，实际测速只有30兆，晚上看视频一直卡', '网速特别慢，晚上八点以后网页都打不开', '宽带时断时续，打游戏老掉线'],
    en: ['I pay for 500 Mbps broadband but only get 30 Mbps in the evening', 'The internet speed is terrible every evening'],
    request: ['提速到合同速度', '退部分费用'], requestEn: ['Give me the speed I pay for'],
  },
  {
    id: 'mobile-signal-estate', business: 'telecom', category: 'quality', department: 'quality', mass: true, unusable: true,
    zh: ['我们整个小区手机都没信号，打不了电话，邻居们也都一样', '整栋楼一个多礼拜手机信号全无，很多住户都在问', '片区大面积没有信号，老人有急事都打不出电话'],
    en: ['The whole estate has had no mobile signal for days, none of the neighbours can make calls', 'Our entire building has no phone reception, many residents are affected'],
    request: ['尽快修复基站'], requestEn: ['Fix the mast now'],
  },
  {
    id: 'phone-defect', business: 'retail', category: 'quality', department: 'quality',
    zh: ['在你们店买的手机用了一周屏幕就出现绿线', '新买的手机充电特别慢，还经常自动重启', '手机听筒有杂音，打电话对方听不清我说话', '刚买的手机摄像头对不上焦，拍照全是糊的'],
    en: ['The phone I bought at your store shows green lines on the screen after a week', 'My new phone keeps rebooting and charges very slowly'],
    request: ['换新机', '退货'], requestEn: ['Exchange it for a new one', 'Refund'],
  },
  {
    id: 'battery-swell', business: 'retail', category: 'quality', department: 'quality', safety: true,
    zh: ['买的笔记本电脑电池鼓包了，触控板都被顶起来了', '手机后壳被顶开，电池明显膨胀，不敢再充电', '充电宝用了一个月就鼓包发烫'],
    en: ['The laptop battery has swollen and pushed the trackpad up', 'My phone battery is swelling and the back cover popped off'],
    request: ['退货并赔偿', '更换'], requestEn: ['Replace it safely'],
  },
  {
    id: 'fridge-not-cooling', business: 'appliance', category: 'quality', department: 'quality', unusable: true,
    zh: ['新买的冰箱不制冷，里面的肉都放坏了', '冰箱冷藏室温度降不下来，压缩机一直响', '冰箱用了两周就不冷了，一冰箱东西全坏了'],
    en: ['The new fridge does not cool at all, all the food went off', 'Our refrigerator stopped cooling two weeks after delivery'],
    request: ['换新冰箱', '赔偿食物损失'], requestEn: ['Replace the fridge'],
  },
  {
    id: 'heater-shock', business: 'appliance', category: 'quality', department: 'quality', safety: true,
    zh: ['热水器漏电，洗澡的时候被电了一下', '洗衣机外壳带电，手碰到就麻', '热水器用的时候摸水龙头有触电的感觉'],
    en: ['The water heater gave me an electric shock in the shower', 'The washing machine casing is live, I get a shock when touching it'],
    request: ['立即上门检测', '退货'], requestEn: ['Send a technician today'],
  },
  {
    id: 'washer-noise', business: 'appliance', category: 'quality', department: 'quality',
    zh: ['洗衣机脱水的时候噪音特别大，整个机器在跳', '滚筒洗衣机甩干时咣咣响，邻居都来敲门', '洗衣机排水不畅，每次洗完桶里还有水'],
    en: ['The washing machine is extremely loud and shakes during the spin cycle', 'The washer does not drain properly'],
    request: ['上门维修'], requestEn: ['Repair it'],
  },
  {
    id: 'food-hair', business: 'restaurant', category: 'quality', department: 'quality',
    zh: ['在你们餐厅吃饭，菜里吃出一根头发', '汤里有一只小虫子，服务员只说给我换一碗', '点的外卖米饭是馊的，根本不能吃'],
    en: ['I found a hair in my dish at your restaurant', 'There was a bug in my soup'],
    request: ['退餐费', '道歉'], requestEn: ['Refund the meal'],
  },
  {
    id: 'food-poisoning', business: 'restaurant', category: 'quality', department: 'quality', injury: true,
    zh: ['昨天在你们店吃完饭，晚上上吐下泻，去医院挂了急诊', '一家人吃了你们的海鲜都拉肚子，孩子住院了', '吃完外卖后腹泻呕吐，医生说是食物中毒'],
    en: ['After eating at your restaurant I had food poisoning and went to hospital', 'My whole family got sick with vomiting and diarrhoea after your seafood'],
    request: ['赔偿医药费', '查明原因'], requestEn: ['Pay the medical bills'],
  },
  // ——— attitude: how staff behaved ———
  {
    id: 'advisor-rude', business: 'car', category: 'attitude', department: 'service',
    zh: ['服务顾问{staff}态度很差，我问了两句就不耐烦，还甩脸色', '接待我的售后顾问爱答不理，一直在玩手机', '前台接待说话很冲，我问保养要多久，她说等着就行了', '{staff}顾问跟我讲话特别冲，一点礼貌都没有'],
    en: ['The service advisor {staff} was rude and impatient with me', 'Your front desk staff ignored me and kept playing on their phone'],
    request: ['道歉', '批评教育该员工'], requestEn: ['An apology', 'Speak to the staff member'],
  },
  {
    id: 'no-callback', business: 'car', category: 'attitude', department: 'service',
    zh: ['说好第二天给我回电话说明故障原因，等了三天都没人联系我', '打了好几次售后电话都没人接，留言也不回', '顾问答应下午回电，到现在都没消息，电话也不接'],
    en: ['Your advisor promised to call me back the next day and never did', 'Nobody answers the service phone and nobody returns my messages'],
    request: ['给个答复', '换一个顾问对接'], requestEn: ['Call me back', 'Assign another advisor'],
  },
  {
    id: 'sales-pushy', business: 'car', category: 'attitude', department: 'sales',
    zh: ['销售顾问{staff}一直逼我买贵的装潢包，不买就不给订车', '买车时销售强行推销贷款和保险，说不办就没优惠', '看车的时候销售一直跟着催我交定金，很烦人'],
    en: ['The salesman {staff} pressured me to buy an expensive accessory pack', 'Your sales consultant kept pushing me into a loan I did not want'],
    request: ['道歉', '换销售'], requestEn: ['Apologise', 'Change the sales consultant'],
  },
  {
    id: 'sales-promise', business: 'car', category: 'attitude', department: 'sales',
    zh: ['买车时销售{staff}口头答应送脚垫和贴膜，提车时却不认账了', '销售当时说好送两次免费保养，现在说没这回事', '销售承诺的赠品一样都没给，找他他就躲'],
    en: ['The salesperson promised free mats and window tint, then denied it at delivery', 'The sales rep {staff} promised two free services and now says he never did'],
    request: ['兑现承诺'], requestEn: ['Keep the promise'],
  },
  {
    id: 'cashier-rude', business: 'car', category: 'attitude', department: 'finance',
    zh: ['收银员结账的时候很不耐烦，我问账单上的项目她直接吼我', '财务开发票的人说话阴阳怪气，让我自己看不懂别来问', '结账时收银台的人把单子直接扔给我'],
    en: ['The cashier shouted at me when I asked about an item on the bill', 'The person at the invoicing desk was sarcastic and dismissive'],
    request: ['道歉'], requestEn: ['An apology from the cashier'],
  },
  {
    id: 'parts-counter-rude', business: 'car', category: 'attitude', department: 'parts',
    zh: ['去配件部买个雨刮，柜台的人爱理不理，问了三遍才抬头', '配件柜台的师傅说话很难听，说我不懂就别乱买', '备件部的工作人员对我很冷漠，还让我自己去仓库找'],
    en: ['The man at the parts counter ignored me and then was rude', 'Your parts desk staff spoke to me very disrespectfully'],
    request: ['道歉', '规范服务'], requestEn: ['An apology'],
  },
  {
    id: 'courier-rude', business: 'courier', category: 'attitude', department: 'logistics',
    zh: ['快递员不送上楼，打电话让我下楼拿，我说腿不方便他就很不耐烦地挂了电话', '送货的小哥把包裹往门口一扔就走，我说了两句他还吼我', '快递员态度恶劣，没送货就点了签收，打电话还挂我电话'],
    en: ['The courier refused to bring the parcel upstairs and was rude to me', 'Your delivery driver threw my package at the door and shouted at me'],
    request: ['道歉', '处理快递员'], requestEn: ['Discipline the courier'],
  },
  {
    id: 'call-centre-rude', business: 'telecom', category: 'attitude', department: 'service',
    zh: ['打客服热线，客服人员说话很敷衍，问题没说完就挂了', '客服一直推诿，说不归他们管，让我自己去营业厅', '营业厅工作人员对老人很不耐烦，我爸问了两句就被赶走了'],
    en: ['The call centre agent hung up on me before I finished', 'Your customer service kept passing me around and was dismissive'],
    request: ['道歉', '解决问题'], requestEn: ['An apology'],
  },
  {
    id: 'humiliated', business: 'car', category: 'attitude', department: 'service', humiliation: true,
    zh: ['我穿得普通点，你们接待就看不起人，说买不起就别来看', '{staff}当着很多客户的面骂我是乡下人，侮辱我的人格', '因为我是外地口音，前台就歧视我，让我排到最后'],
    en: ['Your receptionist insulted me in front of other customers', 'I was discriminated against because of my accent'],
    request: ['公开道歉', '开除该员工'], requestEn: ['A public apology'],
  },
  {
    id: 'attitude-wait', business: 'car', category: 'attitude', department: 'service',
    zh: ['在休息区等了一个小时，问进度顾问就说催什么催，态度太差了', '保养等了很久，我去问一下，接待就冲我发火', '等车的时候去问了一句，{staff}说你急就自己修'],
    en: ['I waited an hour and when I asked about progress the advisor snapped at me', 'When I asked how long it would take, the advisor told me to stop bothering him'],
    request: ['道歉'], requestEn: ['An apology'],
  },
  // ——— workmanship: work done badly ———
  {
    id: 'repair-not-fixed', business: 'car', category: 'workmanship', department: 'service', repeat: true,
    zh: ['上周在你们店修的异响，开回去第二天又响了，等于白修', '空调上个月刚修过，现在又不制冷了，你们到底修没修', '发动机抖动修了两次了还是没修好，每次都说好了', '修完出去不到三天同样的故障又出现了'],
    en: ['You repaired the noise last week and it came back the next day', 'The air con was fixed last month and has stopped cooling again'],
    request: ['免费返修', '换技师'], requestEn: ['Fix it properly free of charge'],
  },
  {
    id: 'wrong-oil', business: 'car', category: 'workmanship', department: 'service',
    zh: ['保养时给我加错了机油，手册要求0W-20，你们加的5W-40', '技师把防冻液加错了型号，混在一起了', '保养单上写换了机滤，我看了还是旧的'],
    en: ['You put the wrong oil in my {car} during the service', 'The technician used the wrong coolant'],
    request: ['重新保养', '检查发动机'], requestEn: ['Redo the service'],
  },
  {
    id: 'car-dirty-scratched', business: 'car', category: 'workmanship', department: 'service',
    zh: ['取车的时候发现座椅上全是油手印，方向盘也是黑的', '保养完发现后保险杠多了一道划痕，进店前明明没有', '修完车车里有烟头和泥巴，脚垫也脏得不行', '做完钣金车门上多了个凹陷，肯定是你们弄的'],
    en: ['After the service my seats were covered in greasy handprints', 'There is a new scratch on the bumper after your workshop had the car'],
    request: ['清洁', '免费补漆'], requestEn: ['Repair the scratch'],
  },
  {
    id: 'loose-parts', business: 'car', category: 'workmanship', department: 'service', safety: true,
    zh: ['换完轮胎开了二十公里，轮胎螺丝松了，车轮晃得厉害', '你们换刹车片没装好，刹车卡钳松动，开起来咣咣响', '补胎后轮毂螺丝没拧紧，差点把轮子甩出去'],
    en: ['After you changed my tyres the wheel nuts came loose on the motorway', 'The brake caliper was not tightened after your repair'],
    request: ['立即检查', '赔偿'], requestEn: ['Check everything you touched'],
  },
  {
    id: 'install-sloppy', business: 'appliance', category: 'workmanship', department: 'service',
    zh: ['空调安装师傅打孔把墙弄得一塌糊涂，外机也装歪了', '热水器装完以后接口一直滴水，师傅说正常', '安装工装完洗衣机没调平，走的时候还把地板划花了'],
    en: ['The installer made a mess of the wall and the outdoor unit is crooked', 'Since the installation the water heater connection keeps dripping'],
    request: ['重新安装', '赔偿地板'], requestEn: ['Reinstall it properly'],
  },
  {
    id: 'broadband-install', business: 'telecom', category: 'workmanship', department: 'service',
    zh: ['装宽带的师傅线乱拉，墙上钉得乱七八糟，还把墙皮弄掉一块', '上门维修的师傅修完网还是时好时坏，还把光猫线插错了'],
    en: ['The broadband technician left cables everywhere and damaged the wall', 'Your engineer came to fix the internet and it still drops, he plugged it in wrong'],
    request: ['重新布线'], requestEn: ['Redo the wiring'],
  },
  // ——— delay ———
  {
    id: 'repair-late', business: 'car', category: 'delay', department: 'logistics',
    zh: ['车送来修{days}天了，说好三天修好，一直拖着没消息', '保养预约的上午十点，到下午两点车还没开进车间', '说好今天下午交车，去了又说要明天，一拖再拖'],
    en: ['My car has been in your workshop for {days} days, you said three', 'I booked a 10am service and the car was still not started at 2pm'],
    request: ['尽快交车', '给准确时间'], requestEn: ['Give me the car back'],
  },
  {
    id: 'newcar-late', business: 'car', category: 'delay', department: 'sales', longWait: true,
    zh: ['订的{car}合同写的上个月交车，到现在还没到，销售一直说在路上', '定金交了两个月了，新车还没影子，每次问都说下周', '约好的提车日期一推再推，已经拖了一个多月，新车到底什么时候能交'],
    en: ['The new {car} I ordered was due last month and still has not been delivered', 'My new car delivery date has slipped for five weeks now'],
    request: ['按合同交车', '赔偿违约金'], requestEn: ['Deliver as the contract says'],
  },
  {
    id: 'newcar-papers', business: 'car', category: 'delay', department: 'sales', unusable: true,
    zh: ['新车提了，合格证到现在还没给，上不了牌照，临牌都过期了', '买车一个月了行驶证还没办下来，车只能停着不能上路', '提车时说一周给登记证书，现在都没消息，车没法开'],
    en: ['I still have not received the certificate for my new car so I cannot register it and the temporary plate expired', 'A month after buying I have no registration papers and cannot legally drive'],
    request: ['马上给合格证'], requestEn: ['Send the papers now'],
  },
  {
    id: 'parcel-late', business: 'courier', category: 'delay', department: 'logistics',
    zh: ['快递显示在派送中已经{days}天了，一直不送', '包裹卡在中转站一个礼拜不动，客服只会说再等等', '加急件承诺次日达，第四天才送到'],
    en: ['My parcel has been out for delivery for {days} days', 'The express package promised next day arrived on day four'],
    request: ['尽快送达', '退运费'], requestEn: ['Deliver it or refund the postage'],
  },
  {
    id: 'install-late', business: 'appliance', category: 'delay', department: 'logistics',
    zh: ['空调买了{days}天了还没人来安装，天天打电话都说排队', '约好周六上门装热水器，等了一天没人来', '送货说好上午到，下午五点才送来，我请了一天假'],
    en: ['I bought the air conditioner {days} days ago and nobody has come to install it', 'The installer did not turn up on Saturday as booked'],
    request: ['马上安排安装'], requestEn: ['Install it this week'],
  },
  {
    id: 'appointment-missed', business: 'telecom', category: 'delay', department: 'logistics',
    zh: ['约好上午上门修宽带，等到晚上都没人来，电话也打不通', '预约的装机时间过了，师傅没来也没通知'],
    en: ['The engineer missed the booked appointment to repair the broadband', 'The installer never came at the booked time and nobody told us'],
    request: ['按时上门'], requestEn: ['Come at the booked time'],
  },
  // ——— parts ———
  {
    id: 'parts-backorder', business: 'car', category: 'parts', department: 'parts',
    zh: ['车在你们店里等配件{days}天了，一直说在订货', '大灯坏了要换，配件说缺货要等，不知道要等到什么时候', '修车要换的零件没货，车一直放在店里等件', '一个门把手的配件都调不到货，已经等了很久'],
    en: ['My car has been waiting for a back-ordered part for {days} days', 'The headlight part is out of stock and nobody knows when it will arrive'],
    request: ['尽快调货', '给到货时间'], requestEn: ['Get the part quickly'],
  },
  {
    id: 'parts-fake', business: 'car', category: 'parts', department: 'parts',
    zh: ['收的原厂件的钱，拆开一看是副厂件，连logo都没有', '你们给我换的刹车片是拆车件，根本不是新的', '说是原厂电瓶，结果是翻新的，生产日期是三年前'],
    en: ['You charged me for genuine parts but fitted non-genuine ones', 'The battery you sold as new is refurbished'],
    request: ['换原厂件并退差价'], requestEn: ['Fit genuine parts'],
  },
  {
    id: 'parts-wrong', business: 'car', category: 'parts', department: 'parts',
    zh: ['在配件部买的滤芯型号不对，装不上，让我自己再跑一趟', '订的雨刮片发错了型号，尺寸不匹配'],
    en: ['The filter I bought at the parts counter is the wrong model', 'You sent the wrong wiper blades, they do not fit'],
    request: ['换货'], requestEn: ['Exchange it'],
  },
  {
    id: 'retail-stock', business: 'retail', category: 'parts', department: 'parts', longWait: true,
    zh: ['手机维修要换屏幕，门店说屏幕缺货，要等半个月', '笔记本电源适配器坏了，配件一个多月都没货'],
    en: ['The replacement screen for my phone is out of stock for three weeks', 'The charger part for my laptop has been on back order for four weeks'],
    request: ['尽快到货'], requestEn: ['Get the part in'],
  },
  // ——— price ———
  {
    id: 'overcharge-service', business: 'car', category: 'price', department: 'finance',
    zh: ['保养账单上多收了一项发动机清洗，我根本没同意做', '结算单上工时费比报价高了一倍，没人跟我说过', '同样的保养上次三百多，这次收了我{small}元，多了一堆项目', '账单里有个燃油添加剂，我没要也给我加上收费了'],
    en: ['You billed me for an engine flush I never agreed to', 'The labour charge on my invoice is double the quote'],
    request: ['退还多收的钱'], requestEn: ['Refund the extra charge'],
  },
  {
    id: 'double-charged', business: 'telecom', category: 'price', department: 'finance',
    zh: ['这个月话费扣了两次，账单上同一项出现两遍', '手机莫名其妙被开通了增值业务，每月扣费', '宽带已经销户了还在继续扣费'],
    en: ['I was charged twice for the same bill this month', 'An add-on service I never ordered is charged every month'],
    request: ['退费', '取消业务'], requestEn: ['Refund and cancel it'],
  },
  {
    id: 'refund-not-paid', business: 'retail', category: 'price', department: 'finance', longWait: true,
    zh: ['退货一个月了，退款一直没到账，问就说在走流程', '说好退的差价，三个星期了都没有退给我', '订单取消了钱没退回来，已经催了好几次'],
    en: ['I returned the item a month ago and the refund never arrived', 'The price difference you promised to refund has not been paid'],
    request: ['马上退款'], requestEn: ['Pay the refund now'],
  },
  {
    id: 'newcar-price', business: 'car', category: 'price', department: 'sales',
    zh: ['买{car}时合同价和最后结算价不一样，多了一笔出库费', '提车时销售加收了上牌服务费和金融服务费，合同里没写', '刚买的车一周后就降价，销售当时保证不会降'],
    en: ['At delivery you added a handling fee that is not in the contract for my new {car}', 'The sales team charged a financing service fee that was never mentioned'],
    request: ['退还多收的费用'], requestEn: ['Refund the extra fees'],
  },
  {
    id: 'wrong-bill-apology', business: 'car', category: 'attitude', department: 'finance',
    zh: ['结账单算错了，我指出来收银员还说是我看错，最后改了也不道歉', '发票开错了，财务的人不但不认错还说我事多'],
    en: ['The bill was wrong and the cashier blamed me and never apologised', 'Your finance clerk made an error on my invoice and then called me difficult'],
    request: ['要求道歉', '给个说法，不要钱，要道歉'], requestEn: ['I want an apology'],
  },
  {
    id: 'restaurant-bill', business: 'restaurant', category: 'price', department: 'finance',
    zh: ['结账时多算了两道没上的菜', '菜单上的价格和结账的价格不一样，还收了服务费', '团购券用不了，还要我按原价付'],
    en: ['We were charged for two dishes that never came', 'The bill had a service charge that was not on the menu'],
    request: ['退多收的钱'], requestEn: ['Refund the difference'],
  },
  // ——— other ———
  {
    id: 'parking', business: 'car', category: 'other', department: 'service',
    zh: ['你们店的停车场太小了，每次来都找不到车位', '客户休息区空调太冷，洗手间也很脏', '休息区的wifi连不上，咖啡机也坏了很久'],
    en: ['Your car park is always full, I can never find a space', 'The customer lounge toilets are dirty'],
    request: ['改善'], requestEn: ['Please improve it'],
  },
  {
    id: 'belongings', business: 'car', category: 'other', department: 'service',
    zh: ['保养完取车发现车里的行车记录仪不见了', '车放在店里洗车，回来发现放在储物格的现金少了', '取车时发现后备箱的雨伞和工具箱不见了'],
    en: ['My dashcam went missing while the car was in your workshop', 'Cash disappeared from my glovebox during the service'],
    request: ['找回或赔偿'], requestEn: ['Find it or pay for it'],
  },
  {
    id: 'loaner-car', business: 'car', category: 'other', department: 'service',
    zh: ['给我的代步车油箱是空的，还一股烟味', '说好提供代步车，到店了又说没有'],
    en: ['The loaner car had an empty tank and smelled of smoke', 'You promised a courtesy car and then had none'],
    request: ['提供代步车'], requestEn: ['Give me a courtesy car'],
  },
  {
    id: 'privacy-leak', business: 'car', category: 'other', department: 'service', privacy: true,
    zh: ['在你们店保养完，就天天接到卖保险的电话，对方连我车牌都知道', '我的身份证复印件被你们随便放在前台，谁都能看到', '我的个人信息被泄露了，贷款公司打电话说出我的住址'],
    en: ['Since my service at your dealership insurance sellers call me daily and know my plate', 'My ID copy was left on the front desk for anyone to see'],
    request: ['查明泄露原因', '删除我的信息'], requestEn: ['Delete my data'],
  },
  {
    id: 'sales-marketing', business: 'car', category: 'other', department: 'sales',
    zh: ['销售天天给我打电话发短信推新车，我说了不买还打', '看过一次车以后，销售一周打五六个电话，烦死了', '销售部的营销短信一天好几条，退订也没用'],
    en: ['Your sales team keeps calling and texting me about new cars after I said no', 'I get daily marketing messages from your sales department'],
    request: ['不要再打电话'], requestEn: ['Stop calling me'],
  },
  {
    id: 'store-facility', business: 'retail', category: 'other', department: 'service',
    zh: ['商场门口的台阶没有防滑，下雨天很多人摔倒', '营业厅排队叫号系统坏了，大家乱成一团'],
    en: ['The queue ticket system at your store is broken', 'The entrance steps of your shop are slippery when wet'],
    request: ['改进'], requestEn: ['Fix it'],
  },
];
