"""Publishes a 公示 of a programme in the app's SQLite file (bench/notice), as the organiser's page would leave it:
every submitted application of the programme passes the formal review (通过 step), gets its category's first level
proposed (组织者, with a reason), and one notice is published from yesterday (Beijing) for 5 working days, its list the
snapshot of those applications (ProgrammeNotice.List's JSON) and its last day counted on the seeded working-day calendar.
Usage: publish.py DB_FILE PROGRAMME_CODE CALENDAR_CSV. Prints the notice's first and last day and the list's length."""
import csv
import json
import sqlite3
import sys
from datetime import date, datetime, timedelta, timezone

db_file, code, calendar_file = sys.argv[1:4]
c = sqlite3.connect(db_file, timeout=30)
listed = {}
with open(calendar_file, encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        listed[date.fromisoformat(row["日期"])] = row["类型"] == "班"


def working(d):
    return listed.get(d, d.weekday() < 5)


def end_day(start, n):
    d, counted = start, 0
    while True:
        if working(d):
            counted += 1
            if counted == n:
                return d
        d += timedelta(days=1)


now = datetime.now(timezone.utc)
stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f") + "0+00:00"
programme_id, name, files = c.execute("SELECT Id, Name, SourceFiles FROM Programmes WHERE Code = ?", (code,)).fetchone()
categories = {r["类别代码"]: (r["类别名称"], r["奖项等级"].split("、")) for r in csv.DictReader(json.loads(files)["categories.csv"].splitlines())}
apps = c.execute("SELECT Id, Reference, CategoryCode, Applicant, Title FROM ProgrammeApplications WHERE ProgrammeId = ? AND Status = 'Submitted' ORDER BY Reference",
                 (programme_id,)).fetchall()
items = []
with c:
    for app_id, reference, category, applicant, title in apps:
        version = c.execute("SELECT MAX(Version) FROM ProgrammeReviewRecords WHERE ApplicationId = ?", (app_id,)).fetchone()[0]
        c.execute("INSERT INTO ProgrammeReviewRecords (ApplicationId, Action, At, Actor, Version, Reasons, OverrideReason, Ticks, FailedItems) "
                  "VALUES (?, 'Accept', ?, '组织者 bench', ?, NULL, '压测', 'content', '')", (app_id, stamp, version))
        level = categories[category][1][0]
        c.execute("INSERT INTO ProgrammeProposals (ApplicationId, Level, Withdrawn, Source, Reason, Actor, At) VALUES (?, ?, 0, '组织者', '压测', '组织者 bench', ?)",
                  (app_id, level, stamp))
        items.append({"applicationId": app_id, "reference": reference, "category": categories[category][0], "level": level,
                      "applicant": applicant, "title": title})
    start = (now + timedelta(hours=8)).date() - timedelta(days=1)
    end = end_day(start, 5)
    c.execute("INSERT INTO ProgrammeNotices (ProgrammeId, Title, StartDay, WorkingDays, EndDay, HowToObject, Contact, List, PublishedAt, PublishedBy, Version) "
              "VALUES (?, ?, ?, 5, ?, ?, ?, ?, ?, '组织者 bench', 2)",
              (programme_id, f"{name}拟授奖名单公示", start.isoformat(), end.isoformat(),
               "任何单位和个人对公示名单有异议的，可在公示期内以实名方式在线提出，并提供必要的证明材料。", "评审办公室 021-00000000",
               json.dumps(items, ensure_ascii=False), stamp))
print(f"notice {start} – {end}, {len(items)} listed")
