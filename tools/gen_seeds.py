#!/usr/bin/env python3
"""Seed data generator for 2025上海市质量品牌故事大赛 (deterministic)."""
import csv, os, random, re, sys
from fractions import Fraction
from collections import Counter, defaultdict

import os
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds")
rng = random.Random(20250325)

COMPETITION = ("2025上海市质量品牌故事大赛", "2025")

GROUPS = ["上海电气集团", "光明食品集团", "上海建工集团", "东方国际集团", "上海医药集团",
          "百联集团", "上汽集团", "上海仪电集团", "锦江国际集团", "上海地产集团"]

DISTRICTS = ["浦东新区", "闵行区", "嘉定区", "徐汇区", "静安区", "松江区", "黄浦区", "长宁区",
             "普陀区", "杨浦区", "宝山区", "青浦区", "崇明区"]
BUREAU = {d: d + "市场监管局" for d in DISTRICTS}
INDUSTRY_RECOMMENDERS = ["上海电气集团", "光明食品集团", "上海建工集团", "上海医药集团", "上汽集团", "锦江国际集团"]
RECOMMENDERS = [(BUREAU[d], "区市场监管局") for d in DISTRICTS] + [(g, "产业集团") for g in INDUSTRY_RECOMMENDERS]

# unit, group ("" = independent), recommender, nature, [speech titles]
UNITS = [
    ("上海电气电站设备有限公司", "上海电气集团", "上海电气集团", "国有", ["一颗螺丝钉的质量长征", "百万千瓦机组背后的毫米之争"]),
    ("上海电气风电集团股份有限公司", "上海电气集团", "上海电气集团", "国有", ["向海而生的大国风机", "叶片上的质量密码"]),
    ("上海锅炉厂有限公司", "上海电气集团", "上海电气集团", "国有", ["炉火淬炼匠心路"]),
    ("上海电气液压气动有限公司", "上海电气集团", "上海电气集团", "国有", ["方寸阀芯见真章"]),
    ("上海电气核电设备有限公司", "上海电气集团", BUREAU["闵行区"], "国有", ["核心装备零缺陷的承诺"]),
    ("光明乳业股份有限公司", "光明食品集团", "光明食品集团", "国有", ["一杯牛奶的七十年守护", "从牧场到餐桌的质量链", "新鲜不过夜的品牌承诺"]),
    ("上海梅林正广和股份有限公司", "光明食品集团", "光明食品集团", "国有", ["老字号罐头里的新滋味"]),
    ("上海冠生园食品有限公司", "光明食品集团", "光明食品集团", "国有", ["大白兔的甜蜜初心", "一颗糖果的品质坚守"]),
    ("上海良友（集团）有限公司", "光明食品集团", BUREAU["普陀区"], "国有", ["守护城市粮仓的良友之心"]),
    ("上海建工一建集团有限公司", "上海建工集团", "上海建工集团", "国有", ["云端之上的毫米精度", "超高层里的质量答卷"]),
    ("上海市机械施工集团有限公司", "上海建工集团", "上海建工集团", "国有", ["钢铁巨臂托起城市新地标"]),
    ("上海建工材料工程有限公司", "上海建工集团", "上海建工集团", "国有", ["一方混凝土的绿色蜕变"]),
    ("上海市政工程设计研究总院（集团）有限公司", "上海建工集团", BUREAU["杨浦区"], "国有", ["图纸上的城市生命线"]),
    ("东方国际创业股份有限公司", "东方国际集团", BUREAU["长宁区"], "国有", ["把上海质量卖向世界", "一件衬衫的全球旅程"]),
    ("上海三枪（集团）有限公司", "东方国际集团", BUREAU["静安区"], "国有", ["三枪内衣的温度与品质"]),
    ("东方国际物流（集团）有限公司", "东方国际集团", BUREAU["浦东新区"], "国有", ["准时送达是最好的品牌"]),
    ("上海上药信谊药厂有限公司", "上海医药集团", "上海医药集团", "国有", ["百年信谊的一粒好药", "药品质量没有差不多"]),
    ("上海上药第一生化药业有限公司", "上海医药集团", "上海医药集团", "国有", ["生化药品的纯度追求"]),
    ("上药控股有限公司", "上海医药集团", BUREAU["黄浦区"], "国有", ["守护生命的最后一公里"]),
    ("上海雷允上药业有限公司", "上海医药集团", "上海医药集团", "国有", ["六神丸里的传承与创新"]),
    ("上海第一八佰伴有限公司", "百联集团", BUREAU["浦东新区"], "合资", ["服务无小事的八佰伴之道"]),
    ("联华超市股份有限公司", "百联集团", BUREAU["普陀区"], "国有", ["菜篮子里的民生品质", "一张小票背后的食品安全"]),
    ("上海第一医药股份有限公司", "百联集团", BUREAU["黄浦区"], "国有", ["南京路上的百年药房"]),
    ("上汽大众汽车有限公司", "上汽集团", BUREAU["嘉定区"], "合资", ["每一台车都是一张名片", "焊点里的工匠精神", "从合资到合创的质量之路"]),
    ("上汽通用汽车有限公司", "上汽集团", BUREAU["浦东新区"], "合资", ["数字孪生让品质看得见"]),
    ("华域汽车系统股份有限公司", "上汽集团", "上汽集团", "国有", ["看不见的零部件看得见的品质", "智能座舱的质量进化"]),
    ("上汽大通汽车有限公司", "上汽集团", "上汽集团", "国有", ["用户定义的好品质"]),
    ("上海仪电电子（集团）有限公司", "上海仪电集团", BUREAU["徐汇区"], "国有", ["屏幕方寸间的上海精度", "数字化转型的质量新引擎"]),
    ("上海飞乐音响股份有限公司", "上海仪电集团", BUREAU["徐汇区"], "国有", ["照亮城市的每一盏灯"]),
    ("上海仪电智能电子有限公司", "上海仪电集团", BUREAU["闵行区"], "国有", ["一张智能卡的安全之旅"]),
    ("上海锦江国际酒店有限公司", "锦江国际集团", "锦江国际集团", "国有", ["宾至如归的锦江味道", "一张床单的五星标准"]),
    ("上海锦江国际旅游股份有限公司", "锦江国际集团", "锦江国际集团", "国有", ["让每一段旅程都安心"]),
    ("上海锦江汽车服务有限公司", "锦江国际集团", "锦江国际集团", "国有", ["方向盘上的服务品牌"]),
    ("上海国际饭店有限公司", "锦江国际集团", BUREAU["黄浦区"], "国有", ["远东第一楼的百年匠心"]),
    ("上海中星（集团）有限公司", "上海地产集团", BUREAU["黄浦区"], "国有", ["老城厢里的城市更新"]),
    ("上海市住房置业担保有限公司", "上海地产集团", BUREAU["徐汇区"], "国有", ["安居路上的质量守护"]),
    ("上海地产园林发展有限公司", "上海地产集团", BUREAU["松江区"], "国有", ["一片绿荫的品质承诺"]),
    ("上海芯联微电子科技有限公司", "", BUREAU["浦东新区"], "民营", ["纳米尺度上的较真", "国产芯片的良率攻坚"]),
    ("上海恒泰精密机械有限公司", "", BUREAU["嘉定区"], "民营", ["零点零一毫米的执着"]),
    ("上海博瑞康生物科技有限公司", "", BUREAU["闵行区"], "民营", ["实验室里的质量初心"]),
    ("上海华辰新材料股份有限公司", "", BUREAU["松江区"], "民营", ["新材料里的绿色密码"]),
    ("上海市计量测试技术研究院", "", BUREAU["徐汇区"], "事业单位", ["一把标尺量天下"]),
    ("上海德立安汽车零部件有限公司", "", BUREAU["嘉定区"], "外资", ["小零件里的大标准"]),
    ("上海云帆数据科技有限公司", "", BUREAU["静安区"], "民营", ["数据驱动的质量革命"]),
    ("上海新绿洲农业专业合作社", "", BUREAU["崇明区"], "其他", ["崇明稻田里的品牌梦"]),
]

DIVISIONS = [
    ("浦东赛区", BUREAU["浦东新区"], "浦东新区市民中心多功能厅", "2025-06-18"),
    ("闵行赛区", BUREAU["闵行区"], "闵行区文化馆小剧场", "2025-06-25"),
    ("嘉定赛区", BUREAU["嘉定区"], "嘉定区图书馆报告厅", "2025-07-02"),
    ("徐汇赛区", BUREAU["徐汇区"], "徐汇区文化馆演艺厅", "2025-07-09"),
]
DIV_NAMES = [d[0] for d in DIVISIONS]
# preferred division by recommender district
PREF = {BUREAU["浦东新区"]: "浦东赛区", BUREAU["闵行区"]: "闵行赛区", BUREAU["松江区"]: "闵行赛区",
        BUREAU["青浦区"]: "闵行赛区", BUREAU["嘉定区"]: "嘉定赛区", BUREAU["宝山区"]: "嘉定赛区",
        BUREAU["普陀区"]: "嘉定赛区", BUREAU["崇明区"]: "嘉定赛区", BUREAU["徐汇区"]: "徐汇赛区",
        BUREAU["长宁区"]: "徐汇赛区", BUREAU["静安区"]: "徐汇赛区", BUREAU["黄浦区"]: "浦东赛区",
        BUREAU["杨浦区"]: "浦东赛区"}
SPLIT_UNITS = {"光明乳业股份有限公司", "上汽大众汽车有限公司", "上海电气电站设备有限公司", "联华超市股份有限公司"}
CAP = 15

SHEETS = [
    ("演讲初赛评分表", "演讲", "初赛", [
        ("主题内容", 30, "紧扣大赛主题，故事真实具体，观点正确，体现品牌价值"),
        ("语言表达", 25, "脱稿演讲，普通话标准，表达流畅，逻辑清晰"),
        ("形象风度", 15, "仪态大方，着装得体，精神饱满"),
        ("现场效果", 20, "感染力强，引发观众共鸣，现场反响热烈"),
        ("时间控制", 10, "演讲时长控制在规定时间内，超时或不足酌情扣分"),
    ]),
    ("演讲决赛评分表", "演讲", "决赛", [
        ("主题内容", 32.5, "主题鲜明，故事典型生动，突出质量创新与品牌成效"),
        ("语言表达", 25, "脱稿演讲，语言精炼，节奏把握得当"),
        ("形象风度", 12.5, "台风稳健，举止得体，体现企业风貌"),
        ("现场效果", 20, "感染力与传播力强，观众认同度高"),
        ("时间控制", 10, "严格控制在规定时长内，超时或不足酌情扣分"),
    ]),
]

SURNAMES = list("王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺顾毛郝龚邵万钱严覃武戴莫孔汤")
GIVEN = ["伟", "敏", "静", "磊", "婷", "军", "杰", "燕", "颖", "浩", "晨", "雯", "佳怡", "思远", "晓峰", "丽华",
         "建国", "志强", "雪梅", "海燕", "文博", "子涵", "欣悦", "宇航", "晓东", "慧敏", "俊杰", "嘉怡", "立新", "振华",
         "梦琪", "一鸣", "诗雨", "天宇", "晓雯", "建华", "永刚", "秀英", "卫东", "亚男", "佳琪", "晨曦", "明轩", "若曦",
         "家豪", "静怡", "国庆", "红梅", "晓婷", "志明", "怡君", "瑞琪", "浩然", "雨桐", "俊峰", "丹丹", "晓燕", "海波"]
used_names = set()
def person():
    while True:
        n = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if n not in used_names:
            used_names.add(n)
            return n

CHIEF_WORKPLACES = ["上海市质量协会", "上海交通大学安泰经济与管理学院", "同济大学经济与管理学院", "复旦大学新闻学院"]
JUDGE_WORKPLACES = ["华东理工大学商学院", "上海大学管理学院", "上海戏剧学院", "上海师范大学人文学院",
                    "上海理工大学管理学院", "华东师范大学传播学院", "上海市质量和标准化研究院", "上海市品牌发展研究中心",
                    "上海市演讲与口才研究会", "上海广播电视台", "青年报社", "解放日报社", "上海质量杂志社",
                    "中国电信上海热线", "上海市检测中心", "上海市企业联合会", "上海市工业经济联合会",
                    "宝山钢铁股份有限公司", "上海机场（集团）有限公司", "上海东方明珠新媒体股份有限公司"]
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0 O 1 I L
used_codes = set()
def login_code():
    while True:
        c = "".join(rng.choice(CODE_ALPHABET) for _ in range(8))
        if c not in used_codes:
            used_codes.add(c)
            return c

# ---------- build entries / divisions ----------
load = {d: 0 for d in DIV_NAMES}
placement = {}  # unit -> list of divisions (one per title)
order = sorted(UNITS, key=lambda u: (-len(u[4]), rng.random()))
def least_loaded(exclude=(), need=1):
    cands = [d for d in DIV_NAMES if d not in exclude and load[d] + need <= CAP]
    m = min(load[d] for d in cands)
    return rng.choice([d for d in cands if load[d] == m])
for name, grp, rec, nat, titles in order:
    n = len(titles)
    pref = PREF.get(rec)
    if name in SPLIT_UNITS:
        home = pref if pref and load[pref] + n - 1 <= CAP else least_loaded(need=n - 1)
        load[home] += n - 1
        other = least_loaded(exclude=(home,))
        load[other] += 1
        placement[name] = [home] * (n - 1) + [other]
    else:
        home = pref if pref and load[pref] + n <= CAP else least_loaded(need=n)
        load[home] += n
        placement[name] = [home] * n

entries = []  # (code, title, unit, track, division, speaker, minutes)
k = 0
for name, grp, rec, nat, titles in UNITS:
    for t, d in zip(titles, placement[name]):
        k += 1
        entries.append((f"YJ-{k:03d}", t, name, "演讲", d, person(), rng.choice([5, 6, 6, 7, 7, 8])))

# ---------- judges ----------
unit_group = {u[0]: u[1] for u in UNITS}
judges = []  # (code, name, workplace, conflict, division, role, login)
jw = JUDGE_WORKPLACES[:]
rng.shuffle(jw)
jn = 0
for i, d in enumerate(DIV_NAMES):
    units_here = sorted({e[2] for e in entries if e[4] == d})
    # alternate: grouped unit (tests group-wide recusal) / independent unit
    want_group = (i % 2 == 0)
    cands = [u for u in units_here if bool(unit_group[u]) == want_group] or units_here
    conflict_unit = rng.choice(cands)
    conflict_slot = rng.randint(1, 6)
    for s in range(7):
        jn += 1
        if s == 0:
            wp, cu, role = CHIEF_WORKPLACES[i], "", "评委会主任"
        elif s == conflict_slot:
            wp, cu, role = conflict_unit, conflict_unit, "评委"
        else:
            wp, cu, role = jw.pop(), "", "评委"
        judges.append((f"PW-{jn:02d}", person(), wp, cu, d, role, login_code()))

# ---------- running order ----------
running = []
for d in DIV_NAMES:
    es = [e[0] for e in entries if e[4] == d]
    rng.shuffle(es)
    running += [(d, i + 1, c) for i, c in enumerate(es)]

# ---------- preliminary scores (separate RNG: the lists above stay as they were) ----------
# Scores are designed, not just drawn, so the finalist selection shows its hard cases (see
# docs/import-formats.md, "What the seeds show"). Everything is in half-points (int) to stay exact.
srng = random.Random(20250618)
SHEET = [(c, int(m * 2)) for c, m, _ in SHEETS[0][3]]  # 演讲初赛 30/25/15/20/10, in half-points
TRIM_WHEN, TRIM_HIGH, TRIM_LOW = 5, 1, 1             # appsettings.json Judging:Scoring
SEATS, UNIT_CAP, GROUP_CAP = 3, 1, 2                  # finalist quotas (seed 000, 附件1 (六))
# Top 6 of each division, best first, with their trimmed means (points). 6-judge entries need a
# multiple of 0.125, 7-judge ones a multiple of 0.1.
DESIGN = {
    "浦东赛区": [("YJ-008", 93.2), ("YJ-053", 91.4), ("YJ-048", 90.2), ("YJ-036", 89.0), ("YJ-019", 87.6), ("YJ-023", 86.4)],
    "闵行赛区": [("YJ-007", 92.6), ("YJ-055", 90.8), ("YJ-015", 89.8), ("YJ-043", 88.4), ("YJ-032", 87.2), ("YJ-024", 86.0)],
    "嘉定赛区": [("YJ-006", 93.6), ("YJ-010", 92.0), ("YJ-058", 90.4), ("YJ-033", 88.6), ("YJ-028", 88.6), ("YJ-046", 86.75)],
    "徐汇赛区": [("YJ-040", 92.8), ("YJ-004", 91.6), ("YJ-057", 90.0), ("YJ-021", 88.8), ("YJ-059", 87.4), ("YJ-050", 86.2)],
}
TIE = ("嘉定赛区", "YJ-033", "YJ-028")  # equal trimmed means at the cut; the first must have the higher median
entry_unit = {e[0]: e[2] for e in entries}
entry_div = {e[0]: e[4] for e in entries}
judge_conflict = {j[0]: j[3] for j in judges}

def conflicted(judge_code, unit):
    cu = judge_conflict[judge_code]
    return bool(cu) and (cu == unit or (unit_group[cu] != "" and unit_group[cu] == unit_group[unit]))

def trimmed(values):
    s = sorted(values)
    if len(s) >= TRIM_WHEN: s = s[TRIM_LOW:len(s) - TRIM_HIGH]
    return Fraction(sum(s), len(s))

def median(values):
    s = sorted(values); m = len(s) // 2
    return Fraction(s[m]) if len(s) % 2 else Fraction(s[m - 1] + s[m], 2)

def totals_for(target, n, bias):
    """n judges' totals (half-points) in 140..192 (70–96 points) whose trimmed mean is exactly target (points)."""
    kept = n - TRIM_HIGH - TRIM_LOW if n >= TRIM_WHEN else n
    goal = Fraction(target).limit_denominator(1000) * 2 * kept
    assert goal.denominator == 1, f"{target} cannot be a trimmed mean of {n} judges"
    goal = int(goal)
    while True:
        t = [min(192, max(140, round((target + b + srng.gauss(0, 1.4)) * 2))) for b in bias]
        for _ in range(400):
            s = sorted(t); diff = goal - (sum(s[TRIM_LOW:n - TRIM_HIGH]) if n >= TRIM_WHEN else sum(s))
            if diff == 0: return t
            i = srng.randrange(n); step = 1 if diff > 0 else -1
            if 140 <= t[i] + step <= 192: t[i] += step

def split(total):
    """Points per criterion (half-points) summing to total, each within its maximum."""
    f = total / 200
    pts = [min(m, max(0, round(m * f + srng.uniform(-1.2, 1.2)))) for _, m in SHEET]
    while sum(pts) != total:
        i = srng.randrange(len(pts))
        if sum(pts) < total and pts[i] < SHEET[i][1]: pts[i] += 1
        elif sum(pts) > total and pts[i] > 0: pts[i] -= 1
    return pts

bias = {j[0]: srng.uniform(-1.8, 1.8) for j in judges}
cards = {}  # entry -> {judge: [half-points per criterion]}
targets = {}
for d in DIV_NAMES:
    order_d = [c for dd, _, c in running if dd == d]
    top = dict(DESIGN[d])
    floor = min(top.values()) - 1.0
    for c in [c for c, _ in DESIGN[d]] + [c for c in order_d if c not in top]:
        panel = [j[0] for j in judges if j[4] == d and not conflicted(j[0], entry_unit[c])]
        kept = len(panel) - 2 if len(panel) >= TRIM_WHEN else len(panel)
        t = top.get(c)
        if t is None:  # the field: 74 .. floor, on the grid the panel size allows
            t = round(srng.uniform(74.0, floor) * 2 * kept) / (2 * kept)
        targets[c] = t
        while True:
            tot = totals_for(t, len(panel), [bias[j] for j in panel])
            if c == TIE[2] and not median(tot) < median([sum(p) for p in cards[TIE[1]].values()]): continue
            break
        cards[c] = {j: split(x) for j, x in zip(panel, tot)}

# Ranking (Judging.Domain/Scoring/Ranking.cs): trimmed mean, then higher median, then higher criterion 1.
def rank_division(d):
    codes = [c for dd, _, c in running if dd == d]
    key = {}
    for c in codes:
        tots = [sum(p) for p in cards[c].values()]
        key[c] = (trimmed(tots) / 2, median(tots) / 2, trimmed([p[0] for p in cards[c].values()]) / 2)
    ordered = sorted(codes, key=lambda c: tuple(-k for k in key[c]))
    ranks = {}
    for i, c in enumerate(ordered):
        ranks[c] = ranks[ordered[i - 1]] if i and key[ordered[i - 1]] == key[c] else i + 1
    return ordered, ranks, key

ranked = {d: rank_division(d) for d in DIV_NAMES}
# Finalist selection (the finalists module's default): walk by (rank in division, score desc, division
# order); skip an entry whose unit has UNIT_CAP finalists or whose group has GROUP_CAP; else seat it
# if its division has a seat left.
walk = sorted(((ranked[d][1][c], -ranked[d][2][c][0], DIV_NAMES.index(d), c) for d in DIV_NAMES for c in ranked[d][0]))
finalists, skipped = [], []
per_unit, per_group, per_div = Counter(), Counter(), Counter()
for rank, _, di, c in walk:
    d, u = DIV_NAMES[di], entry_unit[c]; g = unit_group[u]
    if per_div[d] >= SEATS: continue
    if per_unit[u] >= UNIT_CAP: skipped.append((c, "unit")); continue
    if g and per_group[g] >= GROUP_CAP: skipped.append((c, "group")); continue
    finalists.append(c); per_unit[u] += 1; per_div[d] += 1
    if g: per_group[g] += 1

# ---------- final panel (no division; main RNG after the running order, so earlier lists are unchanged) ----------
FINAL_WORKPLACES = ["上海市质量协会", "上海财经大学商学院", "上海外国语大学新闻传播学院", "文汇报社",
                    "东方卫视中心", "上海市消费者权益保护委员会", "上海市经济和信息化发展研究中心", "上海市标准化协会"]
# The conflicted final judge avoids the unit of the best finalist that belongs to a group, so the
# final shows a group-wide recusal too.
FINAL_CONFLICT = next(entry_unit[c] for c in sorted(finalists, key=lambda c: -targets[c]) if unit_group[entry_unit[c]])
final_conflict_slot = 4
fw = iter(FINAL_WORKPLACES)
for s in range(9):
    jn += 1
    if s == 0:
        wp, cu, role = next(fw), "", "评委会主任"
    elif s == final_conflict_slot:
        wp, cu, role = FINAL_CONFLICT, FINAL_CONFLICT, "评委"
    else:
        wp, cu, role = next(fw), "", "评委"
    judges.append((f"PW-{jn:02d}", person(), wp, cu, "", role, login_code()))

def fmt_points(pts):
    return ";".join(str(p // 2) if p % 2 == 0 else f"{p // 2}.5" for p in pts)
score_rows = []
for d, pos, c in running:
    for j in judges:
        if j[4] == d and j[0] in cards[c]:
            score_rows.append((d, c, j[0], fmt_points(cards[c][j[0]])))


# ---------- films and cases (issues 4 and 5; separate RNG: everything above stays as it was) ----------
frng = random.Random(20250620)
def fperson():
    while True:
        n = frng.choice(SURNAMES) + frng.choice(GIVEN)
        if n not in used_names:
            used_names.add(n)
            return n
def flogin_code():
    while True:
        c = "".join(frng.choice(CODE_ALPHABET) for _ in range(8))
        if c not in used_codes:
            used_codes.add(c)
            return c

SHEETS += [
    ("微电影初赛评分表", "微电影", "初赛", [
        ("主题内容", 30, "紧扣大赛主题，主线鲜明，真实具体，体现品牌理念和价值"),
        ("创意构思", 25, "构思新颖，情节完整清晰，别具一格"),
        ("视听表现", 25, "画面、声音、剪辑制作精良，视听享受"),
        ("传播价值", 20, "感染力强，引发思考，适合网络传播"),
    ]),
    ("微电影决赛评分表", "微电影", "决赛", [
        ("主题内容", 30, "主题鲜明，故事典型，突出质量品牌成效"),
        ("创意构思", 25, "创意独到，叙事完整，启迪思考"),
        ("视听表现", 25, "拍摄、剪辑、配乐专业，制作水准高"),
        ("传播价值", 20, "传播力与影响力强，具有示范推广价值"),
    ]),
    ("创新案例初审评分表", "创新案例", "初审", [
        ("科学性和创新性", 35, "方法科学，思路新颖，创新点突出"),
        ("系统性和示范性", 35, "体系完整，可复制可推广，具有标杆示范作用"),
        ("显效性和发展性", 30, "成效显著可量化，具有持续发展潜力"),
    ]),
    ("创新案例复审评分表", "创新案例", "复审", [
        ("科学性和创新性", 35, "方法科学，思路新颖，创新点突出"),
        ("系统性和示范性", 35, "体系完整，可复制可推广，具有标杆示范作用"),
        ("显效性和发展性", 30, "成效显著可量化，具有持续发展潜力"),
    ]),
]

FILM_TITLES = ["毫米之间", "炉火", "向海而生", "阀芯", "零缺陷", "一杯牛奶的旅程", "罐头里的老味道", "大白兔的甜", "城市粮仓",
               "云端精度", "钢铁巨臂", "绿色混凝土", "生命线", "一件衬衫", "温度", "准时", "一粒好药", "纯度",
               "最后一公里", "八佰伴的早晨", "小票背后", "名片", "焊点", "看得见的品质", "屏幕方寸", "每一盏灯",
               "宾至如归", "五星标准", "方向盘", "百年匠心"]
film_units = [u[0] for u in UNITS]
films = []
for i, title in enumerate(FILM_TITLES):
    unit = film_units[i % len(film_units)]
    films.append((f"WDY-{i + 1:03d}", title, unit, "微电影", "", fperson() + "团队", frng.choice([3, 4, 5, 6, 8])))
CASE_TITLES = [  # in the order of UNITS: one case per unit; the first repeats its unit's speech title (formal review flags it)
               "一颗螺丝钉的质量长征：电站设备全生命周期质量管控", "海上风电叶片缺陷智能识别与闭环改进", "锅炉焊接质量大数据预警体系",
               "液压阀芯精密加工过程能力提升", "核电装备零缺陷文化建设实践", "乳制品从牧场到餐桌的全链条追溯",
               "老字号食品标准化与风味保持", "糖果生产智能质检与工艺优化", "粮食仓储温湿度智能监控",
               "超高层建筑毫米级测量控制", "大型机械施工安全质量双控", "绿色低碳混凝土质量提升",
               "市政设计质量数字化审查", "纺织品出口质量合规管理", "内衣产品舒适性标准创新",
               "物流准时交付质量指标体系", "药品生产数据完整性管理", "生化药品纯化工艺质量突破",
               "医药冷链最后一公里质量保障", "中药传统工艺的质量标准化传承", "百货服务质量标准化建设",
               "超市生鲜食品安全快检体系", "老字号药房服务质量提升", "整车焊装质量在线检测创新", "数字孪生驱动的整车质量改进"]
case_units = [u[0] for u in UNITS][:len(CASE_TITLES)]
cases = [(f"AL-{i + 1:03d}", t, case_units[i], "创新案例", "", fperson(), "") for i, t in enumerate(CASE_TITLES)]

# Film experts (no division); case experts with declared conflicts (unit, and for some a recommender).
film_judges = []
for i in range(7):
    film_judges.append((f"ZJ-{i + 1:02d}", fperson(), frng.choice(JUDGE_WORKPLACES), "", "", "评委会主任" if i == 0 else "评委", flogin_code(), "微电影", ""))
film_judges[3] = film_judges[3][:2] + ("上海锦江国际酒店有限公司", "上海锦江国际酒店有限公司") + film_judges[3][4:]
case_judges = []
CASE_CONFLICTS = [("", ""), ("上海电气电站设备有限公司", ""), ("光明乳业股份有限公司", "光明食品集团"), ("", BUREAU["浦东新区"]),
                  ("上汽大众汽车有限公司", ""), ("", ""), ("上海建工一建集团有限公司", "上海建工集团"), ("", BUREAU["黄浦区"]), ("上海上药信谊药厂有限公司", "")]
for i, (cu, cr) in enumerate(CASE_CONFLICTS):
    case_judges.append((f"AJ-{i + 1:02d}", fperson(), cu or frng.choice(JUDGE_WORKPLACES), cu, "", "评委会主任" if i == 0 else "评委", flogin_code(), "创新案例", cr))
entries += films + cases
judges = [j + ("", "") for j in judges] + film_judges + case_judges

# ---------- write ----------
def write(fn, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, fn), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else (f"{v:g}" if isinstance(v, float) else v) for v in r])

write("competition.csv", ["大赛名称", "年度"], [COMPETITION])
write("groups.csv", ["集团公司"], [(g,) for g in GROUPS])
write("recommenders.csv", ["推荐单位", "类型"], RECOMMENDERS)
write("units.csv", ["参赛单位", "集团公司", "推荐单位", "单位性质"], [u[:4] for u in UNITS])
write("divisions.csv", ["分赛区", "承办单位", "比赛地点", "比赛日期"], DIVISIONS)
write("score_sheets.csv", ["评分表", "赛道", "轮次", "序号", "评分项", "满分", "评分要点"],
      [(s, t, r, i + 1, c, float(m), g) for s, t, r, crit in SHEETS for i, (c, m, g) in enumerate(crit)])
write("entries.csv", ["作品编号", "作品名称", "参赛单位", "赛道", "分赛区", "演讲者", "时长分钟"], entries)
# 登录码 stays empty: the repository is public, so codes printed here would sign in on any install (issue 10, item 7).
# The app generates a fresh random code for every judge when it imports the seeds; the cards print them. The codes
# are still drawn above, so the random sequence (and every other seed) stays as it was.
write("judges.csv", ["评委编号", "姓名", "工作单位", "回避单位", "分赛区", "角色", "登录码", "赛道", "回避推荐单位"],
      [j[:6] + ("",) + j[7:] for j in judges])
write("running_order.csv", ["分赛区", "出场顺序", "作品编号"], running)
write("preliminary_scores.csv", ["分赛区", "作品编号", "评委编号", "得分"], score_rows)

# ---------- validate (re-read files from disk) ----------
def read(fn):
    raw = open(os.path.join(OUT, fn), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), fn + " no BOM"
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
errs = []
def check(cond, msg):
    if not cond: errs.append(msg)

comp = read("competition.csv"); check(len(comp) == 1 and re.fullmatch(r"\d{4}", comp[0]["年度"]), "competition")
G = read("groups.csv"); gn = [r["集团公司"] for r in G]; check(len(set(gn)) == len(gn), "group dup")
R = read("recommenders.csv"); rn = [r["推荐单位"] for r in R]; check(len(set(rn)) == len(rn), "rec dup")
for r in R: check(r["类型"] in ("区市场监管局", "产业集团"), "rec type " + r["推荐单位"])
U = read("units.csv"); un = [r["参赛单位"] for r in U]; check(len(set(un)) == len(un), "unit dup")
ug = {r["参赛单位"]: r["集团公司"] for r in U}
for r in U:
    check(r["集团公司"] == "" or r["集团公司"] in gn, "unit group " + r["参赛单位"])
    check(r["推荐单位"] in rn, "unit rec " + r["参赛单位"])
    check(r["单位性质"] in "国有/民营/外资/合资/事业单位/其他".split("/"), "nature " + r["参赛单位"])
D = read("divisions.csv"); dn = [r["分赛区"] for r in D]; check(len(set(dn)) == len(dn), "div dup")
for r in D:
    check(r["承办单位"] in rn, "div host"); check(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["比赛日期"]), "div date")
S = read("score_sheets.csv"); tot = defaultdict(float)
for r in S:
    m = float(r["满分"]); check(m > 0 and (m * 2).is_integer(), "max " + r["评分项"])
    check(r["赛道"] in ("演讲", "微电影", "创新案例") and r["轮次"] in ("初赛", "决赛", "初审", "复审"), "sheet track/round")
    tot[r["评分表"]] += m
for s, t in tot.items(): check(abs(t - 100) < 1e-9, f"sheet {s} total {t}")
check(any(r["赛道"] == "演讲" and r["轮次"] == "初赛" for r in S), "no speech prelim sheet")
E = read("entries.csv"); en = [r["作品编号"] for r in E]; check(len(set(en)) == len(en), "entry dup")
for r in E:
    check(r["参赛单位"] in un, "entry unit " + r["作品编号"])
    check("《" not in r["作品名称"], "brackets")
    if r["赛道"] == "演讲":
        check(r["分赛区"] in dn, "entry div " + r["作品编号"]); check(5 <= float(r["时长分钟"]) <= 8, "minutes")
    else:
        check(r["分赛区"] == "", "entry div " + r["作品编号"])
        check(r["时长分钟"] == "" if r["赛道"] == "创新案例" else 1 <= float(r["时长分钟"]) <= 8, "minutes " + r["作品编号"])
check(Counter(r["参赛单位"] for r in E if r["赛道"] == "创新案例").most_common(1)[0][1] == 1, "one case per unit")
upu = Counter((r["参赛单位"], r["赛道"]) for r in E); check(max(upu.values()) <= 5, "per unit limit")
J = read("judges.csv"); jc = [r["评委编号"] for r in J]; check(len(set(jc)) == len(jc), "judge dup")
check(all(r["登录码"] == "" for r in J), "no sign-in code in the repository")
for r in J:
    check(r["回避单位"] == "" or r["回避单位"] in un, "judge conflict unit")
    check(r["角色"] in ("评委", "评委会主任"), "role"); check(r["分赛区"] in dn + [""], "judge div")
    if r["回避单位"]: check(r["工作单位"] == r["回避单位"], "conflict workplace")
for t in ("微电影", "创新案例"):
    js = [r for r in J if r["赛道"] == t]
    check(len(js) >= 5 and sum(r["角色"] == "评委会主任" for r in js) == 1 and all(r["分赛区"] == "" for r in js), "expert panel " + t)
    check(any(r["回避单位"] for r in js), "no conflicted expert " + t)
J = [r for r in J if r["赛道"] in ("", "演讲")]
for d in dn + [""]:
    js = [r for r in J if r["分赛区"] == d]
    check(sum(r["角色"] == "评委会主任" for r in js) == 1, "chief count " + (d or "final"))
    units_d = {r["参赛单位"] for r in E if r["分赛区"] == d} if d else {entry_unit[c] for c in finalists}
    check(any(r["回避单位"] in units_d for r in js), "no conflicted judge in " + (d or "final"))
check([r["评委编号"] for r in J if r["分赛区"] == ""] == [f"PW-{i}" for i in range(29, 38)], "final panel codes")
check(next(r for r in J if r["评委编号"] == "PW-29")["角色"] == "评委会主任", "final chief PW-29")
RO = read("running_order.csv")
for d in dn:
    ro = [r for r in RO if r["分赛区"] == d]
    check(sorted(int(r["出场顺序"]) for r in ro) == list(range(1, len(ro) + 1)), "order gaps " + d)
    check(sorted(r["作品编号"] for r in ro) == sorted(r["作品编号"] for r in E if r["分赛区"] == d), "order set " + d)

PS = read("preliminary_scores.csv")
jdiv = {r["评委编号"]: r["分赛区"] for r in J}
jconf = {r["评委编号"]: r["回避单位"] for r in J}
ediv = {r["作品编号"]: r["分赛区"] for r in E}
eunit = {r["作品编号"]: r["参赛单位"] for r in E}
maxima = [int(float(r["满分"]) * 2) for r in S if r["评分表"] == "演讲初赛评分表"]
seen = Counter((r["作品编号"], r["评委编号"]) for r in PS)
check(max(seen.values()) == 1, "duplicate score card")
read_cards = defaultdict(dict)
for r in PS:
    c, j = r["作品编号"], r["评委编号"]
    check(ediv.get(c) == r["分赛区"] and jdiv.get(j) == r["分赛区"], f"score row {c} {j} division")
    cu = jconf[j]
    check(not (cu and (cu == eunit[c] or (ug[cu] and ug[cu] == ug[eunit[c]]))), f"score row {c} {j} conflicted")
    pts = [Fraction(x) * 2 for x in r["得分"].split(";")]
    check(len(pts) == len(maxima) and all(p.denominator == 1 and 0 <= p <= m for p, m in zip(pts, maxima)), f"score row {c} {j} points")
    check(140 <= sum(pts) <= 192, f"score row {c} {j} total {sum(pts) / 2}")
    read_cards[c][j] = [int(p) for p in pts]
for ro in RO:
    c, d = ro["作品编号"], ro["分赛区"]
    want = {r["评委编号"] for r in J if r["分赛区"] == d and not (r["回避单位"] and (r["回避单位"] == eunit[c] or (ug[r["回避单位"]] and ug[r["回避单位"]] == ug[eunit[c]])))}
    check(set(read_cards[c]) == want, f"score cards of {c}: {sorted(set(read_cards[c]) ^ want)}")
check(read_cards == cards, "scores file differs from the generated cards")

# The designed cases (a)–(d), checked on the ranking and selection computed above.
div_of_skip = {c: entry_div[c] for c, _ in skipped}
unit_skips = [c for c, why in skipped if why == "unit"]
group_skips = [c for c, why in skipped if why == "group"]
check(len(unit_skips) == 1 and len(group_skips) == 1, f"expected one unit-cap and one group-cap skip, got {skipped}")
for c in unit_skips:
    others = [x for x in finalists if entry_unit[x] == entry_unit[c]]
    check(len(others) == 1 and entry_div[others[0]] != entry_div[c] and ranked[entry_div[c]][1][c] <= 3, "(a) unit cap shape")
for c in group_skips:
    g = unit_group[entry_unit[c]]
    best3 = sorted((x for x in entry_div if unit_group[entry_unit[x]] == g), key=lambda x: -targets[x])[:3]
    check(c == best3[2] and all(ranked[entry_div[x]][1][x] <= 3 for x in best3), "(b) group cap shape")
ties = []
for d in DIV_NAMES:
    ordered, ranks, key = ranked[d]
    seated = [c for c in ordered if c in finalists]
    last = seated[-1]
    # the next entry below the last seat that the caps would still let in
    nxt = next(c for c in ordered[ordered.index(last) + 1:] if per_unit[entry_unit[c]] < UNIT_CAP
               and not (unit_group[entry_unit[c]] and per_group[unit_group[entry_unit[c]]] >= GROUP_CAP))
    if key[last][0] == key[nxt][0]:
        ties.append((d, last, nxt))
    top6 = [key[c][0] for c in ordered[:6]]
    eq = len(top6) - len(set(top6))
    check(eq == (1 if (d, last, nxt) in ties else 0), f"(d) equal trimmed means in the top 6 of {d}")
check(ties == [TIE], f"(c) expected the tie {TIE}, got {ties}")
for d, a, b in ties:
    check(ranked[d][2][a][1] > ranked[d][2][b][1], "(c) medians separate the tie")

# ---------- summary ----------
for fn in ["competition.csv", "groups.csv", "recommenders.csv", "units.csv", "divisions.csv",
           "score_sheets.csv", "entries.csv", "judges.csv", "running_order.csv", "preliminary_scores.csv"]:
    print(f"{fn}: {len(read(fn))} rows")
print("entries per division:", dict(Counter(r["分赛区"] for r in E)))
gc = Counter(ug[r["参赛单位"]] or "(无集团)" for r in E)
print("entries per group:", dict(gc))
print("units with >1 entry:", {u: c for (u, t), c in upu.items() if c > 1})
multi = defaultdict(set)
for r in E: multi[r["参赛单位"]].add(r["分赛区"])
print("units in 2 divisions:", {u: sorted(v) for u, v in multi.items() if len(v) > 1})
for r in J:
    if r["回避单位"]:
        d = r["分赛区"]; g = ug[r["回避单位"]]
        skip = [e["作品编号"] for e in E if (e["分赛区"] == d if d else e["作品编号"] in finalists) and (e["参赛单位"] == r["回避单位"] or (g and ug[e["参赛单位"]] == g))]
        print(f"conflict: {r['评委编号']} {r['姓名']} ({d or '决赛'}) -> {r['回避单位']} [集团:{g or '无'}], skips {len(skip)} entries: {skip}")
def pts(x): return f"{float(x):g}"
def who(c): return f"{c}（{entry_unit[c]}，{unit_group[entry_unit[c]] or '无集团'}，{entry_div[c]}第{ranked[entry_div[c]][1][c]}名，{pts(ranked[entry_div[c]][2][c][0])}分）"
print("preliminary ranking, top 6 (trimmed mean / median):")
for d in DIV_NAMES:
    ordered, ranks, key = ranked[d]
    print(f"  {d}: " + "  ".join(f"{ranks[c]}.{c} {pts(key[c][0])}/{pts(key[c][1])}{'*' if c in finalists else ''}" for c in ordered[:6]))
print("finalists (3 per division, * above):", " ".join(finalists))
for c in unit_skips:
    other = next(x for x in finalists if entry_unit[x] == entry_unit[c])
    print(f"(a) unit cap: {who(c)} skipped; its unit already has {who(other)}")
for c in group_skips:
    g = unit_group[entry_unit[c]]
    seated = [x for x in finalists if unit_group[entry_unit[x]] == g]
    print(f"(b) group cap {g}: {who(c)} skipped; the group already has {' and '.join(who(x) for x in seated)}")
for d, a, b in ties:
    ka, kb = ranked[d][2][a], ranked[d][2][b]
    print(f"(c) tie at the cut in {d}: seat 3 {a} ({entry_unit[a]}) and next {b} ({entry_unit[b]}) both {pts(ka[0])}; medians {pts(ka[1])} > {pts(kb[1])}")
print(f"final panel: PW-29..PW-37, chief PW-29; conflicted {next(r['评委编号'] for r in J if r['分赛区'] == '' and r['回避单位'])} -> {FINAL_CONFLICT}"
      f" [集团:{unit_group[FINAL_CONFLICT]}], avoids finalists {[c for c in finalists if unit_group[entry_unit[c]] == unit_group[FINAL_CONFLICT]]}")
if errs:
    print("VALIDATION FAILED:", *errs, sep="\n  "); sys.exit(1)
print("validation OK")
