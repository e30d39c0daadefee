// The anti-fraud practice set (防诈骗): every answer is what the corner (/help/fraud/) teaches, from
// the sources it lists. Organisers add it to a bank in one step (src/lib/server/question-sets.ts);
// the demo seeds it into a practice bank, so 每日一练 and the corner's quiz can draw from it.
import type { QuestionContent } from './question-rules';
import { ANTI_FRAUD_APP, ANTI_FRAUD_HOTLINE, FRAUD_QUIZ_TAG, POLICE_NUMBER } from './anti-fraud';

const SOURCE = '本站防诈骗专区；《2025版防范电信网络诈骗宣传手册》（公安部刑事侦查局、国家反诈中心，2025年）';
const about = (topic: string, extra: Partial<QuestionContent> & Pick<QuestionContent, 'type' | 'stem' | 'answer' | 'explanation'>): QuestionContent => ({
  options: [],
  category: FRAUD_QUIZ_TAG,
  tags: [FRAUD_QUIZ_TAG, topic],
  difficulty: 1,
  source: SOURCE,
  ...extra,
});

export const ANTI_FRAUD_QUESTIONS: QuestionContent[] = [
  about('冒充公检法', {
    type: 'single',
    stem: '接到自称公安局的电话，说您涉嫌洗钱，要您把存款转到“安全账户”接受核查。您应该怎么做？',
    options: ['按对方说的转账，证明自己清白', `挂断电话，告诉家人，拿不准就拨打${ANTI_FRAUD_HOTLINE.number}咨询`, '把银行卡号和密码告诉对方，让他去查', '一个人去宾馆开房间，配合对方调查'],
    answer: { type: 'single', option: 1 },
    explanation: '公安机关、检察院、法院不会通过电话、微信办案，也没有“安全账户”。让您转钱到“安全账户”的都是骗子。',
  }),
  about('冒充公检法', {
    type: 'truefalse',
    stem: '公安机关有专门的“安全账户”，可以替群众保管存款、核查资金。',
    answer: { type: 'truefalse', value: false },
    explanation: '根本没有所谓的“安全账户”。凡是让您把钱转到“安全账户”的，都是诈骗。',
  }),
  about('求助电话', {
    type: 'fill',
    stem: '全国反诈预警劝阻专线的号码是____。',
    answer: { type: 'fill', accepted: [ANTI_FRAUD_HOTLINE.number] },
    explanation: `${ANTI_FRAUD_HOTLINE.number}是${ANTI_FRAUD_HOTLINE.name}：拿不准是不是诈骗可以打这个号码咨询，也可以举报。`,
  }),
  about('求助电话', {
    type: 'truefalse',
    stem: `接到号码显示为${ANTI_FRAUD_HOTLINE.number}的来电，说明自己或家人可能正在遭遇诈骗，应该接听。`,
    answer: { type: 'truefalse', value: true },
    explanation: `${ANTI_FRAUD_HOTLINE.number}打来电话，是民警在提醒您可能正在遭遇电信网络诈骗，一定要接听，耐心听一听。`,
  }),
  about('冒充子女借钱', {
    type: 'single',
    stem: '“孩子”用新号码加您微信，说出了急事，让您马上转钱给他的“同事”。最稳妥的做法是什么？',
    options: ['马上转账，救急要紧', '用手机里原来存的号码给孩子打电话核实', '让对方发一段语音，听着像就转', '先转一半，剩下的以后再说'],
    answer: { type: 'single', option: 1 },
    explanation: '声音、视频都可能被冒充。用原来存的号码打电话问清楚，或者问问其他家人，再决定。',
  }),
  about('冒充客服退款', {
    type: 'multiple',
    stem: '自称购物平台客服的人打电话说要给您退款。下面哪些是诈骗的信号？',
    options: ['让您下载会议软件，打开屏幕共享', '让您说出手机收到的短信验证码', '让您在借钱的软件上申请额度，再转给他', '您挂断电话后，自己打开购物软件，在订单里找客服'],
    answer: { type: 'multiple', options: [0, 1, 2] },
    explanation: '真正的退款会原路退回，不用开屏幕共享、不用说验证码，更不用借钱转账。自己在购物软件的订单里找官方客服核实，是对的做法。',
  }),
  about('保健品与养生讲座', {
    type: 'truefalse',
    stem: '保健食品可以代替药物治疗疾病。',
    answer: { type: 'truefalse', value: false },
    explanation: '保健食品是食品，不是药物，不能代替药物治疗疾病。说保健品能治病、能停药的，都是虚假宣传。',
  }),
  about('保健品与养生讲座', {
    type: 'single',
    stem: '养生讲座上，“专家”说一款保健品能降血压、吃了可以停药，今天交钱还打折。您应该怎么做？',
    options: ['当场交钱买下', '先交定金占个名额', '不买，身体不舒服去正规医院看', '叫上老朋友一起买，更便宜'],
    answer: { type: 'single', option: 2 },
    explanation: '不当场交钱，不交定金，回家和子女商量。看病吃药听医生的。',
  }),
  about('养老投资与以房养老', {
    type: 'multiple',
    stem: '有人向您推荐“养老项目”。下面哪些说法要特别警惕？',
    options: ['一年回报百分之二十，保本保息', '预交一大笔钱，就能锁定养老公寓的床位', '把房子抵押了拿钱去理财，每个月给您发养老钱', '理财之前先和子女商量，到银行柜台问清楚'],
    answer: { type: 'multiple', options: [0, 1, 2] },
    explanation: '高回报往往伴随高风险，“保本高息”的养老项目往往是非法集资；在房子的任何文件上签字之前，都要和家人商量。先商量、到银行柜台问，是对的做法。',
  }),
  about('中奖与退税链接', {
    type: 'truefalse',
    stem: '收到“个税退税”的短信，点开链接，按提示填写银行卡号和验证码，就能领到退税。',
    answer: { type: 'truefalse', value: false },
    explanation: '正规单位不会发短信链接让您填银行卡密码和验证码。个税退税在国家税务总局的“个人所得税”手机应用里自己办理。',
  }),
  about('中奖与退税链接', {
    type: 'single',
    stem: '收到短信说您中了大奖，领奖前要先交一笔手续费。这是怎么回事？',
    options: ['正常的领奖手续', '是诈骗：不理它，把短信删掉', '手续费不多，交了也没关系', '回复短信，问清楚怎么交'],
    answer: { type: 'single', option: 1 },
    explanation: '没参加抽奖却“中奖”，领奖还要先交钱，都是诈骗的信号。不点链接、不回复，直接删掉。',
  }),
  about('求助电话', {
    type: 'single',
    stem: '发现自己已经把钱转给了骗子，第一件事应该做什么？',
    options: ['再转一笔钱给对方“解冻”', `马上拨打${POLICE_NUMBER}报警`, '等几天，看对方会不会退回来', '不好意思，谁也不告诉'],
    answer: { type: 'single', option: 1 },
    explanation: `马上拨打${POLICE_NUMBER}报警，记下对方的电话和账号，保留聊天记录和转账记录。`,
  }),
  about('求助电话', {
    type: 'single',
    stem: '公安部刑事侦查局推出的、可以举报诈骗电话和短信的手机应用叫什么？',
    options: [ANTI_FRAUD_APP, '个人所得税', '国家医保服务平台', '微信'],
    answer: { type: 'single', option: 0 },
    explanation: `“${ANTI_FRAUD_APP}”手机应用可以举报诈骗电话、短信和网址，也会提醒可疑来电。`,
  }),
];
