// The redaction catalogue (issue 17): every probe names what must be gone from the public text and
// what must stay. First the 19 leaks found in the README's own categories, then names with and
// without labels, after titles, several per label, of any length and script; phones in every
// notation Chinese text uses; ID numbers and e-mail in full-width and IDN forms; numbers in
// numeric fields; and plain figures, dates and indicator names that must be left alone.
import { describe, expect, it } from "vitest";
import { masks, personalNumber, redactDeep, redactPersonalData, redactText } from "../../shared/disclosure/redact.ts";

type Probe = [text: string, gone: string[], kept?: string[]];

/** The leaks the issue lists, one probe each, in its words. */
const reported: Probe[] = [
  ["联系人李雷13700137000", ["李雷", "13700137000"], ["联系人"]],
  ["联系人张三负责实施", ["张三"], ["联系人"]],
  ["联系人：欧阳娜娜娜", ["欧阳娜娜娜"]],
  ["联系人：阿卜杜拉·买买提", ["阿卜杜拉", "买买提"]],
  ["联系人：张三、李四", ["张三", "李四"]],
  ["联 系 人：王五", ["王五"]],
  ["项目经理王五", ["王五"], ["项目经理"]],
  ["局长李四", ["李四"], ["局长"]],
  ["电话138.0013.8002", ["138.0013.8002", "0013"]],
  ["手机１３８００１３８０００", ["１３８００１３８０００"]],
  ["请拨打8613800138000咨询", ["13800138000"], ["请拨打", "咨询"]],
  ["电话88886666", ["88886666"]],
  ["联系电话0571 8888 6664", ["8888 6664", "0571"]],
  ["身份证号３７０１０２１９９００１０１１２３４", ["３７０１０２１９９００１０１１２３４"]],
  ["邮箱x＠example.com", ["x＠example.com", "example"]],
  ["邮箱李四@政府.中国", ["李四@政府.中国", "政府.中国"]],
  ["联系人：王五五五五（项目办）", ["王五五五五"], ["项目办"]],
  ["联系人：John Smith，电话 138 0013 8000", ["John", "Smith", "0013"]],
  ["负责人：张三、李四和王五", ["张三", "李四", "王五"]],
];

const names = ["张三", "李小龙", "欧阳修文", "司马相如意", "阿依古丽·买买提", "Zhang San", "Мария Иванова", "ئەخمەت", "扎西顿珠"];
const labels = ["联系人", "联系人：", "联系人:", "联系人 ", "项目负责人", "负责人为", "经办人：", "填报人", "审核人 ", "联 系 人：", "负 责 人", "姓名："];
const titleWords = ["局长", "副局长", "项目经理", "主任", "科长", "处长"];

/** Names after every kind of label, of every length and script. */
const labelled: Probe[] = labels.flatMap((label, i) => {
  const name = names[i % names.length]!;
  const other = names[(i + 3) % names.length]!;
  return [
    [`${label}${name}`, [name]],
    [`本项目${label}${name}，请与其联系。`, [name], ["本项目", "请与其联系"]],
    [`${label}${name}、${other}`, [name, other]],
  ] as Probe[];
});

const titled: Probe[] = titleWords.flatMap((t) => [
  [`${t}王建国`, ["王建国"], [t]],
  [`，${t}：李四。`, ["李四"], [t]],
  [`由 ${t}刘洋 签发`, ["刘洋"], [t, "签发"]],
] as Probe[]);

/** One mobile number in every notation. */
const mobiles = [
  "13800138000", "138 0013 8000", "138-0013-8000", "138.0013.8000", "1380013 8000", "+86 13800138000", "+86-138-0013-8000", "0086 138 0013 8000",
  "(+86)13800138000", "8613800138000", "１３８００１３８０００", "＋８６ １３８ ００１３ ８０００", "138－0013－8000", "19912345678", "16612345678",
];
const phones: Probe[] = mobiles.flatMap((m) => [
  [`联系电话：${m}`, [m]],
  [`如有疑问请致电${m}。`, [m], ["如有疑问请致电"]],
] as Probe[]);

const landlines: Probe[] = [
  ["0531-88886666", ["88886666"]],
  ["(0531)82345678转123", ["82345678", "123"]],
  ["（0531）82345678", ["82345678"]],
  ["0571 8888 6664", ["8888 6664"]],
  ["010-6555 1234", ["6555 1234"]],
  ["0755-8888-6666", ["8888-6666"]],
  ["+86 571 8888 6664", ["8888 6664"]],
  ["０５３１－８８８８６６６６", ["８８８８６６６６"]],
  ["电话：82345678", ["82345678"]],
  ["座机 8234-5678", ["8234-5678"]],
  ["Tel: 8888 6666", ["8888 6666"]],
  ["传真：0531-82345679", ["82345679"]],
  ["办公电话 6555123", ["6555123"]],
  ["咨询热线：0531-12345678-801", ["12345678", "801"]],
];

/** Lines as units type them into a goal or a note: a name and a number together, a labelled number. */
const typed: Probe[] = [
  ["联系人：张三，电话13812345678", ["张三", "13812345678"]],
  ["项目负责人 李四 联系电话 0531-88886666", ["李四", "0531-88886666"]],
  ["经办人:王小明（手机 139 1234 5678）", ["王小明", "139 1234 5678"]],
  ["咨询电话(0531)82345678转123", ["82345678"]],
  ["+86 138-1234-5678", ["1234-5678"]],
];

const ids: Probe[] = [
  ["身份证号370102199001011234已核验", ["370102199001011234"], ["已核验"]],
  ["身份证37010219900101123X", ["37010219900101123X"]],
  ["身份证37010219900101123x", ["37010219900101123x"]],
  ["370102 19900101 1234", ["19900101"]],
  ["３７０１０２１９９００１０１１２３Ｘ", ["３７０１０２１９９００１０１１２３Ｘ"]],
  ["老身份证号370102900101123", ["370102900101123"]],
  ["银行卡号6222021234567890123", ["6222021234567890123"]],
  ["卡号 6217 0000 0000 0000", []],
];

const emails: Probe[] = [
  ["邮箱 zhangsan@example.cn 收", ["zhangsan@example.cn"], ["收"]],
  ["li.si+ly@forestry.gov.cn", ["li.si+ly@forestry.gov.cn"]],
  ["ＺＨＡＮＧ＠ＥＸＡＭＰＬＥ．ＣＯＭ", ["ＺＨＡＮＧ＠ＥＸＡＭＰＬＥ"]],
  ["张三@林业局.政务", ["张三@林业局.政务"]],
  ["联系邮箱：wang_5@163.com。", ["wang_5@163.com"]],
  ["user@xn--fiqs8s.cn", ["user@xn--fiqs8s.cn"]],
];

/** Text that must come out exactly as it went in. */
const untouched = [
  "完成森林管护面积52.3万亩，当年造林成活率92%",
  "2026年度营养改善计划受益学生12000人",
  "项目资金1380.5万元，执行率96.2%",
  "森林火灾受害率≤0.9‰",
  "2024-2025年度",
  "2025年3月31日前完成",
  "第1季度完成投资3.5亿元",
  "班主任培训覆盖率≥95%",
  "局长办公会审议通过",
  "项目资金12345678元",
  "FOR-QN001 森林管护面积",
  "满意度90%-95%",
  "新建道路12.5公里，桥梁3座",
  "惠及农户1,234户",
  "预算执行率100%",
  "编号 2025-0331",
  "完成率 98.65%",
  "指标值：≥ 1000 人次",
];

describe("the redaction catalogue", () => {
  const all: Probe[] = [...reported, ...labelled, ...titled, ...phones, ...landlines, ...typed, ...ids, ...emails];

  it("has at least 100 probes, every reported leak among them", () => {
    expect(all.length + untouched.length).toBeGreaterThanOrEqual(100);
    expect(reported).toHaveLength(19);
  });

  it.each(all)("takes the personal data out of %s", (text, gone, kept = []) => {
    const out = redactPersonalData(text);
    for (const g of gone) expect(out, `${text} → ${out}`).not.toContain(g);
    for (const k of kept) expect(out, `${text} → ${out}`).toContain(k);
    if (gone.length > 0) expect(out).toMatch(/已隐去/);
  });

  it.each(untouched)("leaves %s as it is", (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });

  it("reports what it took out and of what kind", () => {
    const r = redactText("联系人：张三，电话13812345678，邮箱a@b.cn，身份证370102199001011234");
    expect(r.removed).toEqual([
      { kind: "name", text: "张三" },
      { kind: "phone", text: "13812345678" },
      { kind: "email", text: "a@b.cn" },
      { kind: "id", text: "370102199001011234" },
    ]);
    expect(r.text).toBe(`联系人：${masks.name}，电话${masks.phone}，邮箱${masks.email}，身份证${masks.id}`);
  });

  it("takes a phone or ID number out of a numeric field, and leaves figures", () => {
    expect(redactDeep({ target: 13800138000, actual: 8613800138000, weight: 15, total: 1380.5, big: 370102199001011200 })).toEqual({
      target: masks.phone,
      actual: masks.phone,
      weight: 15,
      total: 1380.5,
      big: masks.id,
    });
    for (const n of [0, 95, 2025, 12000, 52.3, 1e9, 12345678, -13800138000]) expect(personalNumber(n), String(n)).toBeUndefined();
  });

  it("takes it out of text nested in a form and keeps the form's shape", () => {
    const out = redactDeep({ goals: { annual: "联系人：赵六" }, indicators: [{ name: "x", target: 95 }] });
    expect(out.goals.annual).not.toContain("赵六");
    expect(out.indicators[0]).toEqual({ name: "x", target: 95 });
  });
});
