namespace Judging.App.Import;

using System.Globalization;
using System.Security.Cryptography;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

/// <summary>Where judges' sign-in codes (登录码) come from in an import.</summary>
public enum JudgeCodes
{
    /// <summary>The file's 登录码, checked by <see cref="SignInCodeRule"/>; an empty one is generated (the organiser's import).</summary>
    FromFile,
    /// <summary>Every code generated, the file's ignored (the seeds of a fresh install: the repository is public).</summary>
    Generate,
}

/// <summary>The outcome of an import: nothing is written unless <see cref="Problems"/> is empty.</summary>
public sealed record ImportReport(int? CompetitionId, IReadOnlyList<ImportProblem> Problems, IReadOnlyDictionary<string, int> Counts)
{
    /// <summary>True when the competition was imported.</summary>
    public bool Succeeded => Problems.Count == 0 && CompetitionId is not null;
}

/// <summary>
/// Imports a whole competition from the CSV files of <c>docs/import-formats.md</c>, all-or-nothing:
/// every file is read and every row checked first; any problem means nothing is written and the report
/// lists them all by file and line. The seed step and the organiser's import page both use it.
/// The report's problems and count labels are worded in the current UI culture (<c>L</c>: Resources/Import/CompetitionImporter.en.resx,
/// <c>csvL</c>: Resources/Import/CsvTable.en.resx), the file's column names and values quoted as they are; what the import
/// writes (the audit entries) stays Chinese.
/// </summary>
public sealed class CompetitionImporter(JudgingDb db, IOptions<ScoringOptions> scoring, TimeProvider clock, ILogger<CompetitionImporter> log,
    IStringLocalizer<CompetitionImporter> L, IStringLocalizer<CsvTable> csvL, IStringLocalizer<Wordings> W)
{
    /// <summary>The required files, in the order they are checked.</summary>
    public static readonly IReadOnlyList<string> FileNames =
    [
        "competition.csv", "groups.csv", "recommenders.csv", "units.csv", "divisions.csv",
        "score_sheets.csv", "entries.csv", "judges.csv", "running_order.csv",
    ];

    /// <summary>
    /// Optional file: the judges' cards of completed speech preliminaries (docs/import-formats.md). A division in it
    /// must be complete; its round is imported closed (已结束) with the cards as score records.
    /// </summary>
    public const string PreliminaryScoresFile = "preliminary_scores.csv";

    /// <summary>Every file the importer reads: <see cref="FileNames"/>, then <see cref="PreliminaryScoresFile"/>.</summary>
    public static readonly IReadOnlyList<string> AllFileNames = [.. FileNames, PreliminaryScoresFile];

    /// <summary>Local time (Asia/Shanghai, UTC+8 all year) stamped on imported preliminary cards, on the division's 比赛日期.</summary>
    public static readonly TimeOnly ImportedCardTime = new(10, 0);

    /// <summary>Offset of Asia/Shanghai (China has no daylight saving time): +8 hours.</summary>
    public static readonly TimeSpan ShanghaiOffset = Judging.Domain.Competitions.ShanghaiTime.Offset;

    private static readonly string[] Natures = ["国有", "民营", "外资", "合资", "事业单位", "其他"];

    /// <summary>
    /// Per-unit limit of entries in a track (seed 000, 附件1 (三)4: "同种类型比赛的作品数量原则上不能超过5个、
    /// 质量品牌创新案例1个"): 5 speeches, 5 films, 1 innovation case.
    /// </summary>
    public static int MaxEntriesPerUnit(Track track) => track == Track.InnovationCase ? 1 : 5;

    /// <summary>
    /// The seed step of a fresh install: reads every <c>*.csv</c> of <paramref name="directory"/> and imports them with
    /// <see cref="JudgeCodes.Generate"/>: whatever 登录码 the files hold (the repository's seeds are public), every judge
    /// gets a fresh random code, printed on the judge cards (issue 10, item 7).
    /// </summary>
    public Task<ImportReport> ImportDirectoryAsync(string directory, CancellationToken ct)
    {
        var files = Directory.EnumerateFiles(directory, "*.csv")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.OrdinalIgnoreCase);
        return ImportAsync(files, ct, JudgeCodes.Generate);
    }

    /// <summary>
    /// Imports a competition from file name → bytes. See the type's summary. <paramref name="codes"/>: an organiser's
    /// import (<see cref="JudgeCodes.FromFile"/>) keeps the 登录码 of the file, refusing weak ones by row
    /// (<see cref="SignInCodeRule"/>), and generates the empty ones.
    /// </summary>
    public async Task<ImportReport> ImportAsync(IReadOnlyDictionary<string, byte[]> files, CancellationToken ct, JudgeCodes codes = JudgeCodes.FromFile)
    {
        var p = new List<ImportProblem>();
        foreach (var name in FileNames.Where(n => !files.ContainsKey(n)))
            p.Add(new(name, 0, L["缺少此文件"]));
        if (p.Count > 0) return Fail(p);

        CsvTable? T(string name, params string[] cols) => CsvTable.Read(name, files[name], cols, p, localizer: csvL);
        var tComp = T("competition.csv", "大赛名称", "年度");
        var tGroups = T("groups.csv", "集团公司");
        var tRecs = T("recommenders.csv", "推荐单位", "类型");
        var tUnits = T("units.csv", "参赛单位", "集团公司", "推荐单位", "单位性质");
        var tDivs = T("divisions.csv", "分赛区", "承办单位", "比赛地点", "比赛日期");
        var tSheets = T("score_sheets.csv", "评分表", "赛道", "轮次", "序号", "评分项", "满分", "评分要点");
        var tEntries = T("entries.csv", "作品编号", "作品名称", "参赛单位", "赛道", "分赛区", "演讲者", "时长分钟");
        var tJudges = CsvTable.Read("judges.csv", files["judges.csv"], ["评委编号", "姓名", "工作单位", "回避单位", "分赛区", "角色", "登录码"], p,
            optional: ["赛道", "回避推荐单位"], localizer: csvL);
        var tOrder = T("running_order.csv", "分赛区", "出场顺序", "作品编号");
        var tScores = files.ContainsKey(PreliminaryScoresFile) ? T(PreliminaryScoresFile, "分赛区", "作品编号", "评委编号", "得分") : null;
        if (files.ContainsKey(PreliminaryScoresFile) && tScores is null) return Fail(p);
        if (tComp is null || tGroups is null || tRecs is null || tUnits is null || tDivs is null || tSheets is null
            || tEntries is null || tJudges is null || tOrder is null)
            return Fail(p);

        // Competition
        Competition? competition = null;
        if (tComp.Rows.Count != 1) p.Add(new(tComp.FileName, 0, L["应恰好有一行大赛信息，实际 {0} 行", tComp.Rows.Count]));
        else
        {
            var r = tComp.Rows[0];
            var name = r.Required("大赛名称", p);
            if (!int.TryParse(r["年度"], out var year) || year < 2000 || year > 2100) r.Problem(p, L["“{0}”须为四位年份，实际为“{1}”", "年度", r["年度"]]);
            else if (name is not null) competition = new Competition { Name = name, Year = year };
            if (competition is not null && await db.Competitions.AnyAsync(c => c.Name == competition.Name && c.Year == competition.Year, ct))
                r.Problem(p, L["大赛“{0}”（{1}）已存在，未重复导入", competition.Name, competition.Year]);
        }

        var groups = Unique(tGroups, "集团公司", p, r => new Group { Name = r["集团公司"] });
        var recs = Unique(tRecs, "推荐单位", p, r =>
        {
            var kind = r["类型"];
            if (kind is not ("区市场监管局" or "产业集团")) { r.Problem(p, L["“{0}”须为“{1}”或“{2}”，实际为“{3}”", "类型", "区市场监管局", "产业集团", kind]); return null; }
            return new Recommender { Name = r["推荐单位"], Kind = kind };
        });
        var units = Unique(tUnits, "参赛单位", p, r =>
        {
            Group? g = null;
            if (r["集团公司"] != "" && !groups.TryGetValue(r["集团公司"], out g)) { r.Problem(p, NotIn("集团公司", r["集团公司"], "groups.csv")); return null; }
            if (r.Required("推荐单位", p) is not { } recName) return null;
            if (!recs.TryGetValue(recName, out var rec)) { r.Problem(p, NotIn("推荐单位", recName, "recommenders.csv")); return null; }
            if (!Natures.Contains(r["单位性质"])) { r.Problem(p, L["“{0}”须为{1}之一，实际为“{2}”", "单位性质", string.Join("/", Natures), r["单位性质"]]); return null; }
            return new UnitDraft(new Unit { Name = r["参赛单位"], Nature = r["单位性质"] }, g, rec);
        });
        var divisions = Unique(tDivs, "分赛区", p, r =>
        {
            if (r.Required("承办单位", p) is not { } host) return null;
            if (!recs.TryGetValue(host, out var rec)) { r.Problem(p, NotIn("承办单位", host, "recommenders.csv")); return null; }
            if (!DateOnly.TryParseExact(r["比赛日期"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            { r.Problem(p, L["“{0}”须为 yyyy-MM-dd，实际为“{1}”", "比赛日期", r["比赛日期"]]); return null; }
            return new DivisionDraft(new Division { Name = r["分赛区"], Venue = r["比赛地点"], Date = date }, rec);
        });

        // Score sheets: one row per criterion.
        var sheets = new Dictionary<string, ScoreSheet>();
        var sheetLines = new Dictionary<string, int>();
        foreach (var r in tSheets.Rows)
        {
            if (r.Required("评分表", p) is not { } sheetName || r.Required("评分项", p) is not { } critName) continue;
            var track = ChineseNames.ParseTrack(r["赛道"]);
            var kind = ChineseNames.ParseRoundKind(r["轮次"]);
            if (track is null) { r.Problem(p, L["“{0}”须为 {1}，实际为“{2}”", "赛道", "演讲/微电影/创新案例", r["赛道"]]); continue; }
            if (kind is null) { r.Problem(p, L["“{0}”须为 {1}，实际为“{2}”", "轮次", "初赛/决赛/初审/复审", r["轮次"]]); continue; }
            if (!int.TryParse(r["序号"], out var order) || order < 1) { r.Problem(p, L["“{0}”须为正整数，实际为“{1}”", "序号", r["序号"]]); continue; }
            if (!decimal.TryParse(r["满分"], NumberStyles.Number, CultureInfo.InvariantCulture, out var max)) { r.Problem(p, L["“{0}”须为数字，实际为“{1}”", "满分", r["满分"]]); continue; }
            if (!sheets.TryGetValue(sheetName, out var sheet))
            {
                sheet = new ScoreSheet { Name = sheetName, Track = track.Value, RoundKind = kind.Value };
                sheets[sheetName] = sheet;
                sheetLines[sheetName] = r.Line;
            }
            else if (sheet.Track != track || sheet.RoundKind != kind) { r.Problem(p, L["评分表“{0}”的赛道或轮次与前面的行不一致", sheetName]); continue; }
            if (sheet.Criteria.Any(c => c.Order == order)) { r.Problem(p, L["评分表“{0}”的序号 {1} 重复", sheetName, order]); continue; }
            sheet.Criteria.Add(new Criterion { Order = order, Name = critName, MaxPoints = max, Guidance = r["评分要点"] });
        }
        foreach (var (name, sheet) in sheets)
        {
            sheet.Criteria.Sort((a, b) => a.Order.CompareTo(b.Order));
            foreach (var problem in ScoreCardRules.ValidateSheet(sheet.Criteria, scoring.Value.Step))
                p.Add(new(tSheets.FileName, sheetLines[name], L["评分表“{0}”：{1}", name, W.Word(problem)!]));
        }
        if (sheets.Values.GroupBy(s => (s.Track, s.RoundKind)).FirstOrDefault(g => g.Count() > 1) is { } dupSheet)
            p.Add(new(tSheets.FileName, 0, L["{0}{1}有多张评分表", TrackName(dupSheet.Key.Track), KindName(dupSheet.Key.RoundKind)]));
        var speechPrelimSheet = sheets.Values.FirstOrDefault(s => s.Track == Track.Speech && s.RoundKind == RoundKind.Preliminary);
        if (speechPrelimSheet is null && divisions.Count > 0) p.Add(new(tSheets.FileName, 0, L["缺少演讲初赛评分表（{0}={1}，{2}={3}）", "赛道", "演讲", "轮次", "初赛"]));

        // Entries
        var entries = Unique(tEntries, "作品编号", p, r =>
        {
            if (r.Required("作品名称", p) is not { } title || r.Required("演讲者", p) is not { } presenter) return null;
            if (!units.TryGetValue(r["参赛单位"], out var unit)) { r.Problem(p, NotIn("参赛单位", r["参赛单位"], "units.csv")); return null; }
            var track = ChineseNames.ParseTrack(r["赛道"]);
            if (track is null) { r.Problem(p, L["“{0}”须为 {1}，实际为“{2}”", "赛道", "演讲/微电影/创新案例", r["赛道"]]); return null; }
            DivisionDraft? div = null;
            if (r["分赛区"] != "" && !divisions.TryGetValue(r["分赛区"], out div)) { r.Problem(p, NotIn("分赛区", r["分赛区"], "divisions.csv")); return null; }
            if (track == Track.Speech && div is null) { r.Problem(p, L["演讲作品须填写“{0}”", "分赛区"]); return null; }
            if (track != Track.Speech && div is not null) { r.Problem(p, L["{0}作品不属于分赛区，“{1}”须留空", TrackName(track.Value), "分赛区"]); return null; }
            int? minutes = null;
            if (r["时长分钟"] != "")
            {
                if (!int.TryParse(r["时长分钟"], out var m) || m <= 0) { r.Problem(p, L["“{0}”须为正整数，实际为“{1}”", "时长分钟", r["时长分钟"]]); return null; }
                minutes = m;
            }
            return new EntryDraft(new Entry { Code = r["作品编号"], Title = title, Track = track.Value, Presenter = presenter, DurationMinutes = minutes }, unit, div, r);
        });
        foreach (var g in entries.Values.GroupBy(e => (e.Unit, e.Entry.Track)).Where(g => g.Count() > MaxEntriesPerUnit(g.Key.Track)))
            g.Last().Row.Problem(p, L["参赛单位“{0}”的{1}作品有 {2} 个，超过每类 {3} 个的上限", g.Key.Unit.Unit.Name, TrackName(g.Key.Track), g.Count(), MaxEntriesPerUnit(g.Key.Track)]);

        // Judges
        var existingCodes = (await db.Judges.Select(j => j.AccessCode).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seenCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var judges = Unique(tJudges, "评委编号", p, r =>
        {
            if (r.Required("姓名", p) is not { } name) return null;
            UnitDraft? conflict = null;
            if (r["回避单位"] != "" && !units.TryGetValue(r["回避单位"], out conflict)) { r.Problem(p, NotIn("回避单位", r["回避单位"], "units.csv")); return null; }
            DivisionDraft? div = null;
            if (r["分赛区"] != "" && !divisions.TryGetValue(r["分赛区"], out div)) { r.Problem(p, NotIn("分赛区", r["分赛区"], "divisions.csv")); return null; }
            var track = r["赛道"] == "" ? Track.Speech : ChineseNames.ParseTrack(r["赛道"]);
            if (track is null) { r.Problem(p, L["“{0}”须为 {1} 或留空（{2}），实际为“{3}”", "赛道", "演讲/微电影/创新案例", "演讲", r["赛道"]]); return null; }
            if (track != Track.Speech && div is not null) { r.Problem(p, L["{0}专家不属于分赛区，“{1}”须留空", TrackName(track.Value), "分赛区"]); return null; }
            Recommender? conflictRec = null;
            if (r["回避推荐单位"] != "" && !recs.TryGetValue(r["回避推荐单位"], out conflictRec)) { r.Problem(p, NotIn("回避推荐单位", r["回避推荐单位"], "recommenders.csv")); return null; }
            if (r["角色"] is not ("评委" or "评委会主任")) { r.Problem(p, L["“{0}”须为“{1}”或“{2}”，实际为“{3}”", "角色", "评委", "评委会主任", r["角色"]]); return null; }
            var code = codes == JudgeCodes.Generate ? "" : r["登录码"].ToUpperInvariant();
            if (code != "" && SignInCodeRule.Weakness(code) is { } weak) { r.Problem(p, L["“{0}”过于简单：{1}（可留空由系统生成）", "登录码", W.Word(weak)!]); return null; }
            if (code != "" && (!seenCodes.Add(code) || existingCodes.Contains(code))) { r.Problem(p, L["登录码“{0}”已被使用（登录码在所有大赛中须唯一，可留空由系统生成）", code]); return null; }
            // An empty 分赛区 puts the judge on the final's panel (RoundPanel: judges without a division).
            return new JudgeDraft(new Judge { Code = r["评委编号"], Name = name, Affiliation = r["工作单位"], IsChief = r["角色"] == "评委会主任", AccessCode = code, Track = track.Value },
                conflict, div, conflictRec);
        });
        foreach (var j in judges.Values.Where(j => j.Judge.AccessCode == ""))
        {
            string code;
            do code = SignInCodeRule.Generate();
            while (!seenCodes.Add(code) || existingCodes.Contains(code));
            j.Judge.AccessCode = code;
        }

        // Running order
        var orders = new Dictionary<DivisionDraft, List<(int pos, EntryDraft entry, CsvRow row)>>();
        foreach (var r in tOrder.Rows)
        {
            if (!divisions.TryGetValue(r["分赛区"], out var div)) { r.Problem(p, NotIn("分赛区", r["分赛区"], "divisions.csv")); continue; }
            if (!int.TryParse(r["出场顺序"], out var pos) || pos < 1) { r.Problem(p, L["“{0}”须为正整数，实际为“{1}”", "出场顺序", r["出场顺序"]]); continue; }
            if (!entries.TryGetValue(r["作品编号"], out var entry)) { r.Problem(p, NotIn("作品编号", r["作品编号"], "entries.csv")); continue; }
            if (entry.Division != div) { r.Problem(p, L["作品“{0}”不属于{1}", entry.Entry.Code, div.Division.Name]); continue; }
            var list = orders.TryGetValue(div, out var l) ? l : orders[div] = [];
            if (list.Any(x => x.entry == entry)) { r.Problem(p, L["作品“{0}”重复出场", entry.Entry.Code]); continue; }
            if (list.Any(x => x.pos == pos)) { r.Problem(p, L["{0}的出场顺序 {1} 重复", div.Division.Name, pos]); continue; }
            list.Add((pos, entry, r));
        }
        foreach (var div in divisions.Values)
        {
            var speech = entries.Values.Where(e => e.Division == div && e.Entry.Track == Track.Speech).ToList();
            var list = orders.TryGetValue(div, out var l) ? l : [];
            foreach (var e in speech.Where(e => list.All(x => x.entry != e)))
                p.Add(new(tOrder.FileName, 0, L["{0}缺少作品“{1}”的出场顺序", div.Division.Name, e.Entry.Code]));
            var positions = list.Select(x => x.pos).Order().ToList();
            if (positions.Count > 0 && positions[^1] != positions.Count)
                p.Add(new(tOrder.FileName, 0, L["{0}的出场顺序须为 1 到 {1} 连续编号", div.Division.Name, positions.Count]));
        }

        var cards = tScores is null ? [] : CheckScores(tScores, divisions, entries, judges, orders, speechPrelimSheet, p);

        if (p.Count > 0 || competition is null) return Fail(p);

        // Write, in one transaction; a concurrent import of the same competition loses on the unique index.
        try
        {
            return await WriteAsync(competition, groups, recs, sheets, units, divisions, entries, judges, orders, speechPrelimSheet, cards, ct);
        }
        catch (DbUpdateException e)
        {
            log.LogWarning(e, "Import of {Name} failed while writing; rolled back", competition.Name);
            db.ChangeTracker.Clear();
            return Fail([new("competition.csv", 0, L["写入数据库失败，已全部撤销（可能同一大赛正在被重复导入），请刷新后重试"])]);
        }
    }

    private async Task<ImportReport> WriteAsync(Competition competition, Dictionary<string, Group> groups, Dictionary<string, Recommender> recs,
        Dictionary<string, ScoreSheet> sheets, Dictionary<string, UnitDraft> units, Dictionary<string, DivisionDraft> divisions,
        Dictionary<string, EntryDraft> entries, Dictionary<string, JudgeDraft> judges,
        Dictionary<DivisionDraft, List<(int pos, EntryDraft entry, CsvRow row)>> orders, ScoreSheet? speechPrelimSheet,
        Dictionary<DivisionDraft, List<CardDraft>> cards, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Competitions.Add(competition);
        await db.SaveChangesAsync(ct);
        var cid = competition.Id;
        foreach (var g in groups.Values) { g.CompetitionId = cid; db.Groups.Add(g); }
        foreach (var rc in recs.Values) { rc.CompetitionId = cid; db.Recommenders.Add(rc); }
        foreach (var s in sheets.Values) { s.CompetitionId = cid; db.ScoreSheets.Add(s); }
        await db.SaveChangesAsync(ct);
        foreach (var u in units.Values) { u.Unit.CompetitionId = cid; u.Unit.GroupId = u.Group?.Id; u.Unit.RecommenderId = u.Recommender.Id; db.Units.Add(u.Unit); }
        foreach (var d in divisions.Values) { d.Division.CompetitionId = cid; d.Division.HostRecommenderId = d.Host.Id; db.Divisions.Add(d.Division); }
        await db.SaveChangesAsync(ct);
        foreach (var e in entries.Values) { e.Entry.CompetitionId = cid; e.Entry.UnitId = e.Unit.Unit.Id; e.Entry.DivisionId = e.Division?.Division.Id; db.Entries.Add(e.Entry); }
        foreach (var j in judges.Values) { j.Judge.CompetitionId = cid; j.Judge.ConflictUnitId = j.Conflict?.Unit.Id; j.Judge.ConflictRecommenderId = j.ConflictRecommender?.Id; j.Judge.DivisionId = j.Division?.Division.Id; db.Judges.Add(j.Judge); }
        var rounds = divisions.Values.ToDictionary(d => d, d => new Round
        {
            CompetitionId = cid, Track = Track.Speech, Kind = RoundKind.Preliminary, DivisionId = d.Division.Id,
            ScoreSheetId = speechPrelimSheet!.Id, Status = cards.ContainsKey(d) ? RoundStatus.Closed : RoundStatus.NotStarted,
        });
        db.Rounds.AddRange(rounds.Values);
        // Films and cases: one online review round each (seed 000, 四: the film preliminary online, the cases' first review),
        // holding every entry of the track in entry order; it starts when the organiser opens it.
        var online = new List<(Round Round, List<EntryDraft> Entries)>();
        foreach (var (track, kind) in new[] { (Track.MicroFilm, RoundKind.Preliminary), (Track.InnovationCase, RoundKind.FirstReview) })
        {
            var trackEntries = entries.Values.Where(e => e.Entry.Track == track).OrderBy(e => e.Entry.Code, StringComparer.Ordinal).ToList();
            if (trackEntries.Count == 0 || sheets.Values.FirstOrDefault(s => s.Track == track && s.RoundKind == kind) is not { } sheet) continue;
            var round = new Round { CompetitionId = cid, Track = track, Kind = kind, ScoreSheetId = sheet.Id, Status = RoundStatus.NotStarted, Online = true };
            db.Rounds.Add(round);
            online.Add((round, trackEntries));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (round, list) in online)
            for (var i = 0; i < list.Count; i++)
                db.RoundEntries.Add(new RoundEntry { RoundId = round.Id, EntryId = list[i].Entry.Id, Position = i + 1 });
        foreach (var (div, list) in orders)
            foreach (var (pos, entry, _) in list)
                db.RoundEntries.Add(new RoundEntry { RoundId = rounds[div].Id, EntryId = entry.Entry.Id, Position = pos });
        var now = clock.GetUtcNow();
        foreach (var (div, list) in cards)
        {
            var round = rounds[div];
            var at = new DateTimeOffset(div.Division.Date.ToDateTime(ImportedCardTime), ShanghaiOffset);
            foreach (var c in list)
            {
                db.ScoreRecords.Add(new ScoreRecord
                {
                    RoundId = round.Id, EntryId = c.Entry.Entry.Id, JudgeId = c.Judge.Judge.Id, Attempt = 1,
                    IdempotencyKey = ImportKey(competition, div.Division.Name, c.Entry.Entry.Code, c.Judge.Judge.Code),
                    Points = ScoreRecord.FormatPoints(c.Points), Total = ScoreCardRules.Total(c.Points), SubmittedAt = at,
                });
            }
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, Actor = "CSV导入", Action = "导入初赛评分",
                Subject = $"轮次 {round.Id}（{RoundTitle.Of(round, div.Division.Name)}）",
                Before = null, After = $"{RoundStatusNames.Of(RoundStatus.Closed)}；评分 {list.Count} 张（{PreliminaryScoresFile}）",
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var counts = new Dictionary<string, int>
        {
            [L["集团公司"]] = groups.Count, [L["推荐单位"]] = recs.Count, [L["参赛单位"]] = units.Count, [L["分赛区"]] = divisions.Count,
            [L["评分表"]] = sheets.Count, [L["参赛作品"]] = entries.Count, [L["评委"]] = judges.Count, [L["轮次"]] = rounds.Count + online.Count,
        };
        if (cards.Count > 0) counts[L["初赛评分"]] = cards.Values.Sum(l => l.Count);
        log.LogInformation("Imported competition {Name} ({Year}) as #{Id}: {Counts}", competition.Name, competition.Year, cid,
            string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        return new ImportReport(cid, [], counts);
    }

    private static ImportReport Fail(List<ImportProblem> problems) =>
        new(null, problems.OrderBy(x => AllFileNames.ToList().IndexOf(x.File)).ThenBy(x => x.Line).ToList(), new Dictionary<string, int>());

    /// <summary>
    /// The stored <see cref="ScoreRecord.IdempotencyKey"/> of an imported card: <c>import-</c> and the first 40 hex
    /// digits of SHA-256 over competition, year, division, entry and judge (47 characters, within the 64 allowed);
    /// the same file always gives the same keys, and two competitions never share one.
    /// </summary>
    public static string ImportKey(Competition competition, string division, string entryCode, string judgeCode)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{competition.Name}|{competition.Year}|{division}|{entryCode}|{judgeCode}"));
        return "import-" + Convert.ToHexStringLower(hash)[..40];
    }

    /// <summary>
    /// Checks <c>preliminary_scores.csv</c>: every row names a known division, an entry of that division's running
    /// order and a judge of that division's panel who is not conflicted (<see cref="ConflictRule"/>); its 得分 is a
    /// valid card on the speech preliminary sheet (<see cref="ScoreCardRules.Validate"/>); one card per (entry, judge);
    /// and every division in the file is complete (each entry scored by each judge not conflicted with it).
    /// </summary>
    private Dictionary<DivisionDraft, List<CardDraft>> CheckScores(CsvTable t, Dictionary<string, DivisionDraft> divisions,
        Dictionary<string, EntryDraft> entries, Dictionary<string, JudgeDraft> judges,
        Dictionary<DivisionDraft, List<(int pos, EntryDraft entry, CsvRow row)>> orders, ScoreSheet? sheet, List<ImportProblem> p)
    {
        static bool Conflicted(JudgeDraft j, EntryDraft e) =>
            ConflictRule.IsConflicted(j.Conflict?.Unit.Name, j.Conflict?.Group?.Name, e.Unit.Unit.Name, e.Unit.Group?.Name);

        var cards = new Dictionary<DivisionDraft, List<CardDraft>>();
        var seen = new Dictionary<(EntryDraft, JudgeDraft), int>();
        foreach (var r in t.Rows)
        {
            // Each empty field is reported, not just the first.
            var (divName, code, judgeCode, text) = (r.Required("分赛区", p), r.Required("作品编号", p), r.Required("评委编号", p), r.Required("得分", p));
            if (divName is null || code is null || judgeCode is null || text is null) continue;
            var bad = false;
            if (!divisions.TryGetValue(divName, out var div)) { r.Problem(p, NotIn("分赛区", divName, "divisions.csv")); bad = true; }
            if (!entries.TryGetValue(code, out var entry)) { r.Problem(p, NotIn("作品编号", code, "entries.csv")); bad = true; }
            if (!judges.TryGetValue(judgeCode, out var judge)) { r.Problem(p, NotIn("评委编号", judgeCode, "judges.csv")); bad = true; }
            if (div is not null) cards.TryAdd(div, []);
            if (bad || div is null || entry is null || judge is null) continue;

            if (!orders.TryGetValue(div, out var order) || order.All(x => x.entry != entry))
            { r.Problem(p, L["作品“{0}”不在{1}的出场顺序中", code, divName]); continue; }
            if (judge.Division != div)
            { r.Problem(p, judge.Division is { } jd ? L["评委“{0}”不是{1}的评委（属于{2}）", judgeCode, divName, jd.Division.Name] : L["评委“{0}”不是{1}的评委（为决赛评委）", judgeCode, divName]); continue; }
            if (!seen.TryAdd((entry, judge), r.Line))
            { r.Problem(p, L["作品“{0}”评委“{1}”的评分重复（第{2}行已有）", code, judgeCode, seen[(entry, judge)]]); continue; }
            if (Conflicted(judge, entry))
            { r.Problem(p, L["评委“{0}”须回避作品“{1}”（{2}）：回避单位为“{3}”，同单位或同集团不评分", judgeCode, code, entry.Unit.Unit.Name, judge.Conflict!.Unit.Name]); continue; }
            if (sheet is null) continue;

            var parts = text.Split(';');
            var points = new decimal?[parts.Length];
            var parsed = true;
            for (var i = 0; i < parts.Length; i++)
            {
                if (decimal.TryParse(parts[i].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)) points[i] = v;
                else parsed = false;
            }
            if (!parsed) { r.Problem(p, L["“{0}”须为按评分表顺序以分号分隔的分数（如 27.5;22;13;18;9），实际为“{1}”", "得分", text]); continue; }
            var cardProblems = ScoreCardRules.Validate(sheet.Criteria, points, scoring.Value.Step);
            if (cardProblems.Count > 0) { foreach (var x in cardProblems) r.Problem(p, L["作品“{0}”评委“{1}”：{2}", code, judgeCode, W.Word(x)!]); continue; }
            cards[div].Add(new CardDraft(entry, judge, points.Select(x => x!.Value).ToList()));
        }

        // A division in the file must be complete: every entry of its running order, by every judge not conflicted.
        foreach (var div in cards.Keys)
        {
            var panel = judges.Values.Where(j => j.Division == div).OrderBy(j => j.Judge.Code, StringComparer.Ordinal).ToList();
            foreach (var (_, entry, _) in orders.GetValueOrDefault(div, []).OrderBy(x => x.pos))
                foreach (var judge in panel.Where(j => !Conflicted(j, entry) && !seen.ContainsKey((entry, j))))
                    p.Add(new(t.FileName, 0, L["{0}缺少作品“{1}”评委“{2}”的评分（分赛区的评分须完整）", div.Division.Name, entry.Entry.Code, judge.Judge.Code]));
        }
        return cards;
    }

    /// <summary>Builds name → item for a table whose <paramref name="keyColumn"/> must be non-empty and unique.</summary>
    private Dictionary<string, T> Unique<T>(CsvTable table, string keyColumn, List<ImportProblem> p, Func<CsvRow, T?> make) where T : class
    {
        var result = new Dictionary<string, T>();
        var seen = new HashSet<string>();
        foreach (var r in table.Rows)
        {
            if (r.Required(keyColumn, p) is not { } key) continue;
            if (!seen.Add(key)) { r.Problem(p, L["“{0}”“{1}”重复", keyColumn, key]); continue; }
            if (make(r) is { } item) result[key] = item;
        }
        return result;
    }

    /// <summary>"column“value”不在 file 中": a value that names nothing in the file it refers to.</summary>
    private string NotIn(string column, string value, string file) => L["{0}“{1}”不在 {2} 中", column, value, file];

    /// <summary>A track's name in the report's language (演讲 / 微电影 / 创新案例 in Chinese).</summary>
    private string TrackName(Track track) => (track switch
    {
        Track.Speech => L["演讲"],
        Track.MicroFilm => L["微电影"],
        _ => L["创新案例"],
    }).Value;

    /// <summary>A round kind's name in the report's language (初赛 / 决赛 / 初审 / 复审 in Chinese).</summary>
    private string KindName(RoundKind kind) => (kind switch
    {
        RoundKind.Preliminary => L["初赛"],
        RoundKind.Final => L["决赛"],
        RoundKind.FirstReview => L["初审"],
        _ => L["复审"],
    }).Value;

    private sealed record UnitDraft(Unit Unit, Group? Group, Recommender Recommender);
    private sealed record DivisionDraft(Division Division, Recommender Host);
    private sealed record EntryDraft(Entry Entry, UnitDraft Unit, DivisionDraft? Division, CsvRow Row);
    private sealed record JudgeDraft(Judge Judge, UnitDraft? Conflict, DivisionDraft? Division, Recommender? ConflictRecommender = null);
    private sealed record CardDraft(EntryDraft Entry, JudgeDraft Judge, IReadOnlyList<decimal> Points);
}
