// Seeds of the deadline-rush benchmark (issue 15): `node seeds.mjs DIR UNITS` extends a copy of the repository's seeds/
// in DIR with UNITS units that completed the online registration form (附件2 (一)), so that none of them needs to register
// through SMS: units.csv gets the units (no group, a recommender of recommenders.csv in turn, 单位性质 not 其他) and
// registrations.csv one row each with its contact mobile (formats: docs/import-formats.md; loaded by RegistrationSeeder
// on the first start, through the online form's own rules). The repository's rows stay as they are.
// bench.mjs imports unitName and mobileOf so that both sides agree on the names and numbers.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The name of bench unit i (0-based), as units.csv and registrations.csv hold it. */
export const unitName = (i) => `压测申报单位${String(i + 1).padStart(5, "0")}有限公司`;

/**
 * The contact mobile of bench unit i: 13h 0000 xxxx with h = 3 + i / 10000 and xxxx = i % 10000. The log SMS gateway masks
 * numbers as "13h****xxxx": the visible digits still tell the units apart (and none is a seed's 199… number).
 */
export const mobileOf = (i) => `13${3 + Math.floor(i / 10000)}0000${String(i % 10000).padStart(4, "0")}`;

/** How the log SMS gateway shows a mobile (PhoneVerification.Mask). */
export const masked = (mobile) => mobile.slice(0, 3) + "****" + mobile.slice(7);

const natures = ["国有", "民营", "外资", "合资", "事业单位"];
const fields = ["制造", "建设工程", "市场服务", "非营利性服务"];
const industries = ["高端装备", "集成电路", "生物医药", "人工智能", "电子信息", "汽车", "绿色低碳", "数字经济", "时尚消费品", "未来能源"];

// Appends rows to a seeds CSV in its own line ending, after the last line (which may or may not end with one).
function append(file, rows) {
  let text = fs.readFileSync(file, "utf8");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (!text.endsWith("\n")) text += eol;
  fs.writeFileSync(file, text + rows.map((r) => r.join(",")).join(eol) + eol);
}

function main(dir, units) {
  if (!(units > 0 && units <= 60000)) throw new Error("UNITS must be 1–60,000");
  const recommenders = fs.readFileSync(path.join(dir, "recommenders.csv"), "utf8").replace(/^\uFEFF/, "")
    .split(/\r?\n/).slice(1).filter((l) => l.trim()).map((l) => l.split(",")[0]);
  const unitRows = [], regRows = [];
  for (let i = 0; i < units; i++) {
    unitRows.push([unitName(i), "", recommenders[i % recommenders.length], natures[i % natures.length]]);
    // 参赛单位,会员单位,单位地址,邮编,单位性质其他,重点领域,专精特新,重点产业,重点产业其他,联系人姓名,部门及职务,联系手机,邮箱地址,拟申报作品,暂无作品申报,第二联系人姓名,第二联系人手机
    regRows.push([unitName(i), i % 3 === 0 ? "是" : "否", `上海市浦东新区压测路${i + 1}号`, String(200000 + (i % 1000)).padStart(6, "0"), "",
      fields[i % fields.length], i % 5 === 0 ? "是" : "否", industries[i % industries.length], "", `联系人${i + 1}`, "品牌部 主管", mobileOf(i),
      `unit${i + 1}@bench.example`, "演讲、微电影、创新案例", "否", "", ""]);
  }
  append(path.join(dir, "units.csv"), unitRows);
  append(path.join(dir, "registrations.csv"), regRows);
  console.error(`seeds: ${units} registered units added to ${dir}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv[2], Number(process.argv[3] ?? 2000));
