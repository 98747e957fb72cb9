"""Appends audit entries to the app's SQLite file until it holds TARGET rows (bench/lists): varied actors, actions,
subjects and reasons like a busy competition's log, in one transaction. Usage: fill.py DB_FILE TARGET"""
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

db, target = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db, timeout=30)
have = c.execute("SELECT COUNT(*) FROM AuditEntries").fetchone()[0]
sample = c.execute("SELECT At FROM AuditEntries ORDER BY Id DESC LIMIT 1").fetchone()
actors = ["组织者 俞琳", "组织者 周敏", "评委会主任 PW-01", "评委会主任 PW-08", "系统"] + [f"评委 PW-{i:02d}" for i in range(2, 30)]
actions = ["提交评分", "重新提交评分", "解锁评分", "上场", "开启评分", "关闭评分", "计入网络投票", "排除网络投票", "设置入围规则", "破格入围", "形式审查通过", "退回修改"]
start = datetime(2026, 5, 1, 1, 0, tzinfo=timezone.utc)
rows = []
for i in range(have, target):
    at = start + timedelta(seconds=7 * i)
    # The app stores DateTimeOffset as text "yyyy-MM-dd HH:mm:ss.fffffff+00:00"; keep the seeded rows' form.
    text = at.strftime("%Y-%m-%d %H:%M:%S.%f") + "0+00:00" if sample is None or "T" not in sample[0] else at.isoformat()
    a = actions[i % len(actions)]
    rows.append((text, actors[(i * 7) % len(actors)], a, f"作品 YJ-{i % 60 + 1:03d}（第 {i % 5 + 1} 轮）",
                 None if i % 3 else "18;15;9;12;6", None if i % 3 else "18;22.5;9;12;6",
                 f"评委误触，第 {i % 5 + 1} 项应为 {20 + i % 10}" if a in ("解锁评分", "退回修改", "破格入围") else None))
with c:
    c.executemany("INSERT INTO AuditEntries (At, Actor, Action, Subject, Before, After, Reason) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
print(c.execute("SELECT COUNT(*) FROM AuditEntries").fetchone()[0])
