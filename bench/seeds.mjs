// Writes a synthetic competition for the benchmark into the folder given as argv[2]:
// one division ("压测赛区") with JUDGES judges and ENTRIES entries, in the formats of
// docs/import-formats.md. The seed import gives every judge a fresh random sign-in code; run.sh reads them from the
// database for the load client.
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const out = process.argv[2];
const judges = Number(process.env.JUDGES ?? 10000);
const entries = Number(process.env.ENTRIES ?? 20);
mkdirSync(out, { recursive: true });
const bom = "\uFEFF";
const write = (name, rows) => writeFileSync(join(out, name), bom + rows.map((r) => r.join(",")).join("\n") + "\n");
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

write("competition.csv", [["大赛名称", "年度"], ["压测大赛", "2025"]]);
write("groups.csv", [["集团公司"], ["压测集团"]]);
write("recommenders.csv", [["推荐单位", "类型"], ["压测区市场监管局", "区市场监管局"]]);
write("units.csv", [["参赛单位", "集团公司", "推荐单位", "单位性质"],
  ...Array.from({ length: entries }, (_, i) => [`压测单位${i + 1}`, "", "压测区市场监管局", "民营"])]);
write("divisions.csv", [["分赛区", "承办单位", "比赛地点", "比赛日期"], ["压测赛区", "压测区市场监管局", "本机", "2025-06-20"]]);
writeFileSync(join(out, "score_sheets.csv"), readFileSync(join(root, "seeds", "score_sheets.csv")));
write("entries.csv", [["作品编号", "作品名称", "参赛单位", "赛道", "分赛区", "演讲者", "时长分钟"],
  ...Array.from({ length: entries }, (_, i) => [`B-${i + 1}`, `压测作品${i + 1}`, `压测单位${i + 1}`, "演讲", "压测赛区", `选手${i + 1}`, "6"])]);
write("judges.csv", [["评委编号", "姓名", "工作单位", "回避单位", "分赛区", "角色", "登录码"],
  ...Array.from({ length: judges }, (_, i) => [`J${i + 1}`, `评委${i + 1}`, "压测", "", "压测赛区", i === 0 ? "评委会主任" : "评委", ""])]);
write("running_order.csv", [["分赛区", "出场顺序", "作品编号"],
  ...Array.from({ length: entries }, (_, i) => ["压测赛区", String(i + 1), `B-${i + 1}`])]);
console.log(`bench seeds: ${judges} judges, ${entries} entries in ${out}`);
