/**
 * The starter library: classical sayings on integrity (public domain, with their attribution)
 * and short original pieces written for this bot. Seeded once under fixed ids `C001`…; an item
 * an admin removed stays removed (seeding never overwrites).
 */
import { ContentItemModel } from '../models/content-item.js';
import type { ContentInput } from './content-items.js';

type Starter = Omit<ContentInput, 'imageKey' | 'quiz' | 'required'> & Partial<ContentInput>;

const q = (question: string, options: string[], answer: number, explanation: string) => ({
  quiz: { question, options, answer, explanation },
});

/** The starter items, in id order (`C001` is the first). */
export const STARTER_ITEMS: readonly Starter[] = [
  {
    title: '杨震“四知”拒金',
    body: '东汉杨震赴任途中，昔日举荐的王密夜里怀金相赠，说“暮夜无知者”。杨震答：\n\n> 天知，神知，我知，子知。何谓无知！\n\n**启示**：没有“没人知道”的交易，慎独是第一道防线。',
    category: 'story',
    tags: ['慎独', '拒贿', '古训'],
    source: '《后汉书·杨震传》',
    ...q(
      '杨震拒金时所说的“四知”不包括哪一项？',
      ['天知', '神知', '地知', '子知'],
      2,
      '原文是“天知，神知，我知，子知”，没有“地知”。',
    ),
  },
  {
    title: '子罕以不贪为宝',
    body: '宋人得玉献给子罕，子罕不受：\n\n> 我以不贪为宝，尔以玉为宝，若以与我，皆丧宝也，不若人有其宝。\n\n**启示**：守住不贪，就守住了最珍贵的东西。',
    category: 'story',
    tags: ['拒贿', '古训'],
    source: '《左传·襄公十五年》',
    ...q('子罕以什么为宝？', ['美玉', '不贪', '黄金', '名声'], 1, '“我以不贪为宝”——不贪才是子罕心中的宝。'),
  },
  {
    title: '俭，德之共也',
    body: '> 俭，德之共也；侈，恶之大也。\n\n节俭是各种美德的共同基础，奢侈是最大的恶。厉行节约、反对浪费，从一张纸、一度电做起。',
    category: 'lesson',
    tags: ['节俭', '古训'],
    source: '《左传·庄公二十四年》',
  },
  {
    title: '可以取，可以无取，取伤廉',
    body: '> 可以取，可以无取，取伤廉。\n\n可拿可不拿的时候，拿了就损害廉洁。面对“灰色地带”，宁可不拿。',
    category: 'lesson',
    tags: ['廉洁', '古训'],
    source: '《孟子·离娄下》',
    ...q(
      '“可以取，可以无取”时，孟子认为应当？',
      ['拿了无妨', '不拿，拿了伤廉', '看别人怎么做', '事后再说'],
      1,
      '孟子说“取伤廉”：可拿可不拿时拿了，就损害了廉洁。',
    ),
  },
  {
    title: '富贵不能淫',
    body: '> 富贵不能淫，贫贱不能移，威武不能屈，此之谓大丈夫。\n\n面对诱惑不动摇，是干部的精神脊梁。',
    category: 'lesson',
    tags: ['气节', '古训'],
    source: '《孟子·滕文公下》',
  },
  {
    title: '不义而富且贵，于我如浮云',
    body: '> 不义而富且贵，于我如浮云。\n\n用不正当手段得来的富贵，如同浮云，转眼即散。',
    category: 'lesson',
    tags: ['义利', '古训'],
    source: '《论语·述而》',
  },
  {
    title: '君子喻于义',
    body: '> 君子喻于义，小人喻于利。\n\n处理公务先问“该不该”，不问“值不值”。',
    category: 'lesson',
    tags: ['义利', '古训'],
    source: '《论语·里仁》',
  },
  {
    title: '政者，正也',
    body: '> 政者，正也。子帅以正，孰敢不正？\n\n领导干部带头守纪律、讲规矩，风气自然清正。',
    category: 'lesson',
    tags: ['以身作则', '古训'],
    source: '《论语·颜渊》',
    ...q(
      '“子帅以正，孰敢不正”强调的是？',
      ['制度越多越好', '领导带头示范', '严惩下属', '少说多做'],
      1,
      '为政者自身端正、带头示范，下面的人自然不敢不正。',
    ),
  },
  {
    title: '其身正，不令而行',
    body: '> 其身正，不令而行；其身不正，虽令不从。\n\n说一千遍不如做一遍，身教重于言教。',
    category: 'lesson',
    tags: ['以身作则', '古训'],
    source: '《论语·子路》',
  },
  {
    title: '为政以德',
    body: '> 为政以德，譬如北辰，居其所而众星共之。\n\n以德立身、以德服人，才能凝聚人心。',
    category: 'lesson',
    tags: ['官德', '古训'],
    source: '《论语·为政》',
  },
  {
    title: '礼义廉耻，国之四维',
    body: '> 国有四维……一曰礼，二曰义，三曰廉，四曰耻。……四维不张，国乃灭亡。\n\n“廉”是立国的四根支柱之一。',
    category: 'lesson',
    tags: ['廉洁', '古训'],
    source: '《管子·牧民》',
    ...q(
      '《管子》所说的“四维”是？',
      ['仁义礼智', '礼义廉耻', '忠孝节义', '温良恭俭'],
      1,
      '“一曰礼，二曰义，三曰廉，四曰耻”，合称四维。',
    ),
  },
  {
    title: '君子慎其独',
    body: '> 莫见乎隐，莫显乎微，故君子慎其独也。\n\n越是无人看见、细微之处，越能看出一个人的操守。',
    category: 'lesson',
    tags: ['慎独', '古训'],
    source: '《礼记·中庸》',
  },
  {
    title: '玩物丧志',
    body: '> 玩人丧德，玩物丧志。\n\n“雅好”一旦被人投其所好，就可能成为被“围猎”的突破口。',
    category: 'warning',
    tags: ['警示', '古训'],
    source: '《尚书·旅獒》',
  },
  {
    title: '公生明，偏生暗',
    body: '> 公生明，偏生暗，端悫生通，诈伪生塞。\n\n办事公道才能明辨是非，偏私只会蒙蔽双眼。',
    category: 'lesson',
    tags: ['公正', '古训'],
    source: '《荀子·不苟》',
  },
  {
    title: '法不阿贵',
    body: '> 法不阿贵，绳不挠曲。\n\n纪律面前没有特殊党员，制度面前没有例外。',
    category: 'rules',
    tags: ['法纪', '古训'],
    source: '《韩非子·有度》',
  },
  {
    title: '静以修身，俭以养德',
    body: '> 夫君子之行，静以修身，俭以养德。非淡泊无以明志，非宁静无以致远。\n\n诸葛亮写给儿子的家书，至今仍是家风建设的范本。',
    category: 'family',
    tags: ['家风', '节俭', '古训'],
    source: '诸葛亮《诫子书》',
    ...q(
      '《诫子书》中“俭以养德”的“俭”指？',
      ['节俭', '检查', '简单', '谦虚'],
      0,
      '“俭以养德”：以节俭来培养品德。',
    ),
  },
  {
    title: '两袖清风',
    body: '> 绢帕蘑菇与线香，本资民用反为殃。清风两袖朝天去，免得闾阎话短长。\n\n于谦进京不带土特产，“两袖清风”由此成为清官的代名词。',
    category: 'story',
    tags: ['清廉故事', '古训'],
    source: '于谦《入京》',
  },
  {
    title: '包拯家训',
    body: '> 后世子孙仕宦，有犯赃滥者，不得放归本家；亡殁之后，不得葬于大茔之中。不从吾志，非吾子孙。\n\n短短数十字，把清廉立为家族的底线。',
    category: 'family',
    tags: ['家风', '家训', '古训'],
    source: '包拯家训',
    ...q(
      '包拯家训对“犯赃滥”的子孙如何处理？',
      ['从轻处罚', '不得归本家、不得葬大茔', '罚银了事', '由族长酌定'],
      1,
      '家训原文：“不得放归本家……不得葬于大茔之中”。',
    ),
  },
  {
    title: '由俭入奢易，由奢入俭难',
    body: '> 由俭入奢易，由奢入俭难。\n\n> 众人皆以奢靡为荣，吾心独以俭素为美。\n\n司马光以家书告诫儿子：生活作风关乎品行。',
    category: 'family',
    tags: ['家风', '节俭', '古训'],
    source: '司马光《训俭示康》',
  },
  {
    title: '一粥一饭，当思来处不易',
    body: '> 一粥一饭，当思来处不易；半丝半缕，恒念物力维艰。\n\n珍惜公共资源，就是珍惜群众的劳动。',
    category: 'family',
    tags: ['家风', '节俭', '古训'],
    source: '朱柏庐《治家格言》',
  },
  {
    title: '一丝一粒，我之名节',
    body: '> 一丝一粒，我之名节；一厘一毫，民之脂膏。宽一分，民受赐不止一分；取一文，我为人不值一文。\n\n清代张伯行以此谢绝一切馈送。',
    category: 'story',
    tags: ['拒贿', '清廉故事', '古训'],
    source: '张伯行《禁止馈送檄》',
  },
  {
    title: '无欲则刚',
    body: '> 海纳百川，有容乃大；壁立千仞，无欲则刚。\n\n心中无私欲，腰杆才能硬。',
    category: 'lesson',
    tags: ['气节', '古训'],
    source: '林则徐 自勉联',
  },
  {
    title: '公仪休嗜鱼不受鱼',
    body: '鲁相公仪休爱吃鱼，有人送鱼却坚决不收。他说：正因为爱吃鱼才不能收——收了鱼可能丢官，丢了官就再没人送鱼，也买不起鱼了。\n\n> 以嗜鱼，故不受也。\n\n**启示**：想长久，就别贪一时。',
    category: 'story',
    tags: ['拒贿', '清廉故事', '古训'],
    source: '《史记·循吏列传》',
  },
  {
    title: '羊续悬鱼',
    body: '东汉南阳太守羊续，下属送来一条鱼，他收下后挂在院中；再送时，他指着风干的鱼示意，对方羞愧而退。“悬鱼太守”的故事流传至今。',
    category: 'story',
    tags: ['拒贿', '清廉故事', '古训'],
    source: '《后汉书·羊续传》',
  },
  {
    title: '陶母退鱼',
    body: '东晋陶侃年轻时管理渔业，托人把一罐腌鱼送给母亲。母亲原封退回，并写信责备：\n\n> 汝为吏，以官物见饷，非唯不益，乃增吾忧也。\n\n**启示**：家人是廉洁的第一道“守门人”。',
    category: 'family',
    tags: ['家风', '清廉故事', '古训'],
    source: '《世说新语·贤媛》',
    ...q(
      '陶母为什么退回腌鱼？',
      ['鱼不新鲜', '是用公家之物孝敬', '不爱吃鱼', '嫌少'],
      1,
      '“以官物见饷”——拿公家的东西送母亲，令母亲担忧。',
    ),
  },
  {
    title: '以人为镜，可以明得失',
    body: '> 以铜为镜，可以正衣冠；以古为镜，可以知兴替；以人为镜，可以明得失。\n\n欢迎监督、善于听取意见，是干部成长的“镜子”。',
    category: 'lesson',
    tags: ['监督', '古训'],
    source: '《旧唐书·魏徵传》',
  },
  {
    title: '祸患常积于忽微',
    body: '> 忧劳可以兴国，逸豫可以亡身。\n\n> 夫祸患常积于忽微，而智勇多困于所溺。\n\n大错往往始于小节，警惕“温水煮青蛙”。',
    category: 'warning',
    tags: ['警示', '古训'],
    source: '欧阳修《新五代史·伶官传序》',
  },
  {
    title: '廉有六计',
    body: '> 以听官府之六计，弊群吏之治：一曰廉善，二曰廉能，三曰廉敬，四曰廉正，五曰廉法，六曰廉辨。\n\n古人考核官吏，六项标准都以“廉”为本。',
    category: 'rules',
    tags: ['廉洁', '古训'],
    source: '《周礼·天官·小宰》',
  },
  {
    title: '微课：收到礼品礼金怎么办',
    body: '1. **当面婉拒**：说明纪律要求，态度诚恳。\n2. **无法退还**：及时向组织报告并登记上交，不要“先放着”。\n3. **家属代收**：同样要报告处理，家人收礼等于自己收礼。\n\n记住：报告越及时，越主动。',
    category: 'lesson',
    tags: ['微课', '拒贿'],
    source: '本机器人原创',
    required: true,
    ...q(
      '家属代收了服务对象送来的购物卡，正确做法是？',
      ['先放着以后再说', '及时报告并登记上交', '转送他人', '自己悄悄退掉不用报告'],
      1,
      '家属代收也要及时向组织报告，并按规定登记上交。',
    ),
  },
  {
    title: '警示：“小节”不小',
    body: '很多违纪案例都从一次饭局、一张卡、一次“帮个小忙”开始。对方“围猎”的第一步，往往是让你觉得“没什么大不了”。\n\n**自问三句**：这事能公开说吗？换个岗位他还会送吗？出了问题我担得起吗？',
    category: 'warning',
    tags: ['警示', '慎微'],
    source: '本机器人原创',
  },
  {
    title: '微课：公务接待把好三道关',
    body: '- **审批关**：无公函不接待，标准事先定好。\n- **标准关**：按规定安排工作餐，不上高档菜肴和酒水。\n- **报销关**：凭清单、公函、发票报销，三者一致。',
    category: 'lesson',
    tags: ['微课', '作风'],
    source: '本机器人原创',
  },
  {
    title: '党纪学习：八小时以外也要守规矩',
    body: '纪律没有“下班时间”。社交圈、生活圈、朋友圈都要干净：不出入不适当场所，不参加可能影响公正执行公务的活动，不在网上随意发表不当言论。',
    category: 'rules',
    tags: ['党纪', '作风'],
    source: '本机器人原创',
  },
  {
    title: '微课：公车公房，公私分明',
    body: '公务用车不私用，办公用房不超标，公共物品不带回家。\n\n公私之间划清一条线，是最基本的廉洁。',
    category: 'lesson',
    tags: ['微课', '作风'],
    source: '本机器人原创',
  },
  {
    title: '节日廉洁提醒',
    body: '节日将至，请大家：不收送节礼和消费卡，不公款吃喝旅游，不违规发放津补贴，不操办婚丧喜庆之外的宴请。\n\n过一个清清爽爽的节日。',
    category: 'warning',
    tags: ['节日', '国庆节', '警示'],
    source: '本机器人原创',
  },
  {
    title: '五四寄语：青年干部扣好廉洁第一粒扣子',
    body: '青年时期是价值观形成的关键期。从第一次报销、第一次接待、第一次被请托开始，就把规矩立起来。\n\n清白做人、干净做事，是最好的起点。',
    category: 'lesson',
    tags: ['五四', '青年'],
    source: '本机器人原创',
  },
  {
    title: '建党节：重温入党誓词中的“严守纪律”',
    body: '入党誓词中有“严守党的纪律，保守党的秘密”。七一之际，请每位党员重读誓词，对照检查：纪律的弦是否绷紧？',
    category: 'rules',
    tags: ['建党节', '党纪'],
    source: '本机器人原创',
  },
  {
    title: '国庆寄语：干净干事，不负韶华',
    body: '国庆佳节，向坚守岗位的同事致敬。越是节日，越要守住廉洁底线，以清正廉洁的作风迎接新的征程。',
    category: 'lesson',
    tags: ['国庆节', '节日'],
    source: '本机器人原创',
  },
];

/** The id of the n-th (0-based) starter item: C001, C002, … */
export function starterId(index: number): string {
  return `C${String(index + 1).padStart(3, '0')}`;
}

/**
 * Inserts the starter items that were never stored (one read when all are there). Removed or
 * edited items are left as they are.
 */
export async function ensureStarterLibrary(now: Date): Promise<number> {
  const ids = STARTER_ITEMS.map((_, i) => starterId(i));
  const existing = await ContentItemModel.countDocuments({ _id: { $in: ids } });
  if (existing >= ids.length) return 0;
  const have = new Set(
    (await ContentItemModel.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((d) => d._id),
  );
  const docs = STARTER_ITEMS.map((item, i) => ({
    _id: starterId(i),
    imageKey: '',
    quiz: null,
    required: false,
    ...item,
    createdBy: 'starter',
    createdAt: now,
    updatedAt: now,
  })).filter((d) => !have.has(d._id));
  try {
    await ContentItemModel.insertMany(docs, { ordered: false });
  } catch (error) {
    // Another process seeded at the same time: its inserts won, nothing is lost.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
  return docs.length;
}
