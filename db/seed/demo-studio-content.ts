// The words of the demo's studio courses (db/seed/demo-studio.ts): written as an instructor writes
// in the studio, in the strict MDX subset, with every lesson component between the two lessons of
// the published course. Facts and quotations are the ones the MDX course 廉洁文化 already cites
// (content/courses/integrity/), with the same sources.
import type { Source } from '../../src/schemas/source';
import type { ThemeLabel } from '../../src/lib/themes';

export interface DemoStudioLesson {
  title: string;
  summary: string;
  minutes: number | null;
  sources: Source[];
  body: string;
}

export interface DemoStudioCourse {
  title: string;
  theme: ThemeLabel;
  summary: string;
  hours: string;
  sources: Source[];
  lessons: DemoStudioLesson[];
}

const DISCIPLINE_REGULATIONS: Source = { title: '《中国共产党纪律处分条例》', issuer: '中共中央2023年12月19日发布，2024年1月1日起施行', year: 2023 };
const SELF_DISCIPLINE_CODE: Source = { title: '《中国共产党廉洁自律准则》', issuer: '中共中央印发，2016年1月1日起施行', year: 2015 };
const HOU_HAN_SHU: Source = { title: '《后汉书》（点校本）', issuer: '中华书局', year: 1965 };
const FANG_ZHIMIN: Source = { title: '《方志敏文集》（《清贫》）', issuer: '人民出版社', year: 1985 };
const EIGHT_POINTS: Source = { title: '《十八届中央政治局关于改进工作作风、密切联系群众的八项规定》', issuer: '中共中央政治局会议审议通过，2012年12月4日', year: 2012 };

/** Published: learners can study it to a certificate. */
export const PUBLISHED_COURSE: DemoStudioCourse = {
  title: '身边的好家风',
  theme: '廉洁文化',
  summary: '讲师在网上写的两课：从“清白吏子孙”的古训到党的纪律对家风的要求，谈谈老同志怎样带好家风。',
  hours: '0.5',
  sources: [HOU_HAN_SHU, DISCIPLINE_REGULATIONS],
  lessons: [
    {
      title: '第一课　清白传家',
      summary: '从东汉杨震“清白吏子孙”的古训讲起，看好家风怎样一代代传下去。',
      minutes: 8,
      sources: [HOU_HAN_SHU, FANG_ZHIMIN, SELF_DISCIPLINE_CODE],
      body: `退休以后，和子女、孙辈在一起的时间多了。我们怎样待人接物、怎样花钱过日子、怎样对待“关系”和“便利”，孩子们都看在眼里。

## 留给子孙的“遗产”

东汉的杨震做官清廉，有人劝他为子孙置办些产业，他不肯：

<Quote source="《后汉书·杨震传》">
使后世称为清白吏子孙，以此遗之，不亦厚乎！
</Quote>

意思是：让后代被人称作清官的子孙，把这个名声留给他们，不是很丰厚的遗产吗？房子、票子会花完，清白的名声却能**一代代传下去**。

<Figure src="/images/courses/integrity.svg" alt="浅绿色的背景下，一朵粉红色的荷花从深绿色的水面上挺立而出，两旁浮着荷叶" caption="荷花出淤泥而不染，常用来比喻清白做人。" />

## 一起读一读《清贫》

1935年，方志敏在狱中写下《清贫》。他被俘时，搜身的士兵除了一只时表和一支自来水笔，一个铜板也没有搜出来。文章的最后一句，不妨和孙辈一起读一读：

<Recitation title="清贫（节选）" author="方志敏" date="1935年" source="《方志敏文集》，人民出版社，1985年">
清贫，洁白朴素的生活，正是我们革命者能够战胜许多困难的地方！
</Recitation>

## 准则里的两句话

2015年10月，中共中央印发《中国共产党廉洁自律准则》，面向全体党员。开头两条是：

<Quote source="《中国共产党廉洁自律准则》党员廉洁自律规范（2015年）">
第一条　坚持公私分明，先公后私，克己奉公。

第二条　坚持崇廉拒腐，清白做人，干净做事。
</Quote>

<SelfCheck question="《中国共产党廉洁自律准则》从哪一天起施行？" answer="2016年1月1日。">
准则由中共中央于2015年10月印发，自2016年1月1日起施行。
</SelfCheck>

<KeyPoints>
- 杨震把“清白吏子孙”的名声当作留给后代最丰厚的遗产。
- 《中国共产党廉洁自律准则》2015年10月印发，面向全体党员，退休党员也在其中。
- 好家风靠长辈的言传身教，一点一滴传下去。
</KeyPoints>

<Discussion>
您家里有没有一句代代相传的家训？您打算怎样讲给孙辈听？
</Discussion>
`,
    },
    {
      title: '第二课　纪律对家风的要求',
      summary: '读纪律处分条例里关于家风的条文，明白离退休干部为什么仍要管好家人。',
      minutes: 8,
      // It names 《中国共产党廉洁自律准则》 too: the build's sources check holds for an exported folder.
      sources: [DISCIPLINE_REGULATIONS, EIGHT_POINTS, SELF_DISCIPLINE_CODE],
      body: `家风不只是一家的事。党员领导干部的家风，关系着党风政风。党的纪律对此有明确的要求。

## 条例原文

<Quote source="《中国共产党纪律处分条例》第一百五十二条（2023年修订）">
党员领导干部不重视家风建设，对配偶、子女及其配偶失管失教，造成不良影响或者严重后果的，给予警告或者严重警告处分；情节严重的，给予撤销党内职务处分。
</Quote>

对离退休领导干部来说，即使离开了岗位，原来职务的影响还在，管好家人依然是一份责任。

## 作风建设的几个时间点

<Timeline title="作风与纪律大事记">
<TimelineItem when="2012年12月4日">中共中央政治局会议审议通过中央八项规定。</TimelineItem>
<TimelineItem when="2015年10月">中共中央印发《中国共产党廉洁自律准则》。</TimelineItem>
<TimelineItem when="2024年4月至7月">全党开展党纪学习教育，重点学习2023年修订的《中国共产党纪律处分条例》。</TimelineItem>
</Timeline>

<KeyPoints>
- 纪律处分条例对党员领导干部不重视家风建设、对家人失管失教作出了处分规定。
- 退休以后原职务的影响还在，管好家人仍是责任。
</KeyPoints>

<LessonQuiz tag="中央八项规定" />
`,
    },
  ],
};

/** Submitted: waiting for a reviewer on /studio/review/. */
export const SUBMITTED_COURSE: DemoStudioCourse = {
  title: '八项规定再学习',
  theme: '廉洁文化',
  summary: '重温2012年12月4日审议通过的中央八项规定，联系退休生活谈谈好作风。',
  hours: '0.5',
  sources: [EIGHT_POINTS],
  lessons: [
    {
      title: '第一课　从中央政治局做起',
      summary: '中央八项规定首先约束的是中央政治局自身，本课讲讲它的来历。',
      minutes: 6,
      sources: [EIGHT_POINTS],
      body: `2012年12月4日，中共中央政治局召开会议，审议通过《十八届中央政治局关于改进工作作风、密切联系群众的八项规定》，人们习惯简称为“中央八项规定”。

## 从自身做起

会议强调，改进工作作风要从中央政治局做起，以良好党风带动政风民风。

<Discussion>
2012年以来，您在身边看到过哪些因落实八项规定而带来的变化？
</Discussion>
`,
    },
  ],
};

/** Returned with a reviewer's comment: the author sees it beside the lesson. */
export const RETURNED_COURSE: DemoStudioCourse = {
  title: '纪律处分条例入门',
  theme: '廉洁文化',
  summary: '用退休生活里的例子，读懂2023年修订的纪律处分条例讲的是什么。',
  hours: '0.5',
  sources: [DISCIPLINE_REGULATIONS],
  lessons: [
    {
      title: '第一课　条例讲什么',
      summary: '纪律处分条例回答两个问题：什么行为违犯了党的纪律，违犯了应当给予什么处分。',
      minutes: 6,
      sources: [DISCIPLINE_REGULATIONS],
      body: `纪律处分条例是规范党组织和党员行为的基础性党内法规，它回答两个问题：什么行为违犯了党的纪律，违犯了应当给予什么处分。

本课依据的是2023年修订、2024年1月1日起施行的版本。
`,
    },
  ],
};

/** The reviewer's comment on the returned course's lesson. */
export const RETURN_COMMENT = '第一课只有两段，请补上条例划分的六项纪律，并引用一条原文（写明第几条）。';
